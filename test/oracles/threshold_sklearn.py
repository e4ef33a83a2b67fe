"""Reference for src/explain/threshold.ts: scikit-learn's confusion_matrix, precision and recall at a
threshold, overall and per group, on seeded labels and scores.

Run: /usr/bin/python3 test/oracles/threshold_sklearn.py  (writes test/fixtures/oracles/threshold/reference.json)
"""
import json, pathlib
import numpy as np
from sklearn.metrics import confusion_matrix, precision_score, recall_score

rng = np.random.default_rng(7)
n = 300
group = rng.choice(["a", "b", "c"], size=n, p=[0.5, 0.3, 0.2])
y = rng.integers(0, 2, size=n)
# scores correlated with y, more so in group a: so the groups differ
p = np.clip(0.5 * y + rng.normal(0.25, 0.2, size=n) + np.where(group == "a", 0.1 * y, -0.05), 0, 1)
p = np.round(p, 3)  # ties, on purpose
out = {"y": y.tolist(), "p": p.tolist(), "group": group.tolist(), "cases": []}
for t in [0.3, 0.5, 0.62]:
    pred = (p >= t).astype(int)
    case = {"threshold": t, "groups": {}}
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
    case["all"] = {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp),
                   "precision": precision_score(y, pred, zero_division=0), "recall": recall_score(y, pred)}
    for g in ["a", "b", "c"]:
        m = group == g
        tn, fp, fn, tp = confusion_matrix(y[m], pred[m], labels=[0, 1]).ravel()
        case["groups"][g] = {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp),
                             "selectionRate": float(pred[m].mean()),
                             "recall": recall_score(y[m], pred[m]), "fpr": fp / (fp + tn)}
    out["cases"].append(case)
# the cost-optimal threshold by brute force over a fine grid of candidate thresholds (every score and +inf)
costs = {"fp": 1.0, "fn": 4.0}
cands = sorted(set(p.tolist())) + [float("inf")]
best = min(cands, key=lambda t: (((p >= t) & (y == 0)).sum() * costs["fp"] + ((p < t) & (y == 1)).sum() * costs["fn"], -t))
out["optimum"] = {"costs": costs, "threshold": best,
                  "cost": float((((p >= best) & (y == 0)).sum() * costs["fp"] + ((p < best) & (y == 1)).sum() * costs["fn"]) / n)}
path = pathlib.Path(__file__).parent.parent / "fixtures/oracles/threshold/reference.json"
path.write_text(json.dumps(out))
print("wrote", path)
