"""Writes data/synthetic.csv: a dataset whose true model is known exactly.

    x1..x5 ~ U(-1, 1) independent, group ~ uniform on {a, b, c}
    f(x)    = 3*x1 + 2*x2*x3 + 0.5*x5**2          (x4 has no effect)
    y       = f(x) + e,  e ~ N(0, 0.1**2), but N(0, 1.0**2) when group == "c"
    y_class = 1 if f(x) + l > 0 else 0,  l ~ Logistic(0, 1)
              (so P(y_class = 1 | x) = 1 / (1 + exp(-f(x))))

n = 2000, numpy.random.default_rng(7); columns are drawn in the order above.
Run from the repository root: /usr/bin/python3 data/scripts/make_synthetic.py
"""
import csv
import numpy as np

N, SEED = 2000, 7


def make(n=N, seed=SEED):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(n, 5))
    group = rng.choice(np.array(["a", "b", "c"]), size=n)
    f = 3 * x[:, 0] + 2 * x[:, 1] * x[:, 2] + 0.5 * x[:, 4] ** 2
    sd = np.where(group == "c", 1.0, 0.1)
    y = f + rng.normal(0.0, 1.0, size=n) * sd
    y_class = (f + rng.logistic(0.0, 1.0, size=n) > 0).astype(int)
    return x, group, y, y_class


def main():
    x, group, y, y_class = make()
    with open("data/synthetic.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["x1", "x2", "x3", "x4", "x5", "group", "y", "y_class"])
        for i in range(len(y)):
            w.writerow([f"{v:.6f}" for v in x[i]] + [group[i], f"{y[i]:.6f}", int(y_class[i])])
    print(f"synthetic.csv: {len(y)} rows x 8 columns")


if __name__ == "__main__":
    main()
