"""Reference timings for the explanation benchmark (bench/run.ts), in sklearn and xgboost, single-threaded.

Refits the two fixture models (fixture_models.py) and times, on the first 1,000 rows of ames.csv:
  importance  sklearn.inspection.permutation_importance, 10 repeats, RMSE, on the sklearn GBM
  pd_ice      sklearn.inspection.partial_dependence(kind="both", method="brute", grid_resolution=51),
              once per feature (10 features), on the sklearn GBM
  treeshap    xgboost Booster.predict(pred_contribs=True) for one row (path-dependent TreeSHAP,
              the same algorithm as ours) on the xgboost model, also on all 1,000 rows
  predict     sklearn GBM predict on the 1,000 rows (the model calls the explanations are made of)
Also the PD of the first feature on sklearn's grid and xgboost's SHAP values of row 0, for checking ours.
Prints one JSON object on stdout: {"library", "seconds", "gbm_mean_score", "pd_feature0", "shap_row0"}.

With --serve it times on request instead, so that bench/run.ts can alternate ours and theirs call by
call on a loaded machine: it prints that JSON (without "seconds") once ready, then reads one task name
per line on stdin (importance, pd_ice, treeshap_one, treeshap_1000, predict_1000) and answers each with
one line {"task": name, "ms": wall time of one call}; the first call of each task is a warm-up, not timed.
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import fixture_models as fm  # noqa: E402


def best_of(fn, runs=3, budget=3.0):
    """Least wall time of `fn()` over at least `runs` calls (fewer repeats once `budget` seconds are spent)."""
    fn()  # warm up
    best, spent, calls = float("inf"), 0.0, 0
    while calls < runs and (calls == 0 or spent < budget):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best, spent, calls = min(best, dt), spent + dt, calls + 1
    return best


def main():
    import sklearn
    import xgboost as xgb
    from sklearn.inspection import partial_dependence, permutation_importance

    X, y, train = fm.data()
    gbm = fm.fit_gbm(X, y, train)
    xgbm = fm.fit_xgb(X, y, train)
    rows = np.arange(fm.EXPLAIN_ROWS)
    X64, y1k = X[rows].astype(np.float64), y[rows]
    booster = xgbm.get_booster()
    one = xgb.DMatrix(X[:1], feature_names=fm.FEATURES)
    all_rows = xgb.DMatrix(X[rows], feature_names=fm.FEATURES)

    tasks = {
        "importance": lambda: permutation_importance(
            gbm, X64, y1k, n_repeats=10, random_state=0, scoring="neg_root_mean_squared_error", n_jobs=1),
        "pd_ice": lambda: [partial_dependence(gbm, X64, [j], kind="both", method="brute", grid_resolution=51)
                           for j in range(len(fm.FEATURES))],
        "treeshap_one": lambda: booster.predict(one, pred_contribs=True),
        "treeshap_1000": lambda: booster.predict(all_rows, pred_contribs=True),
        "predict_1000": lambda: gbm.predict(X64),
    }
    serve = "--serve" in sys.argv
    seconds = {} if serve else {
        name: best_of(fn, runs=20 if name in ("treeshap_one", "predict_1000") else 3) for name, fn in tasks.items()
    }
    contribs = booster.predict(one, pred_contribs=True)[0]
    pd0 = partial_dependence(gbm, X64, [0], kind="average", method="brute", grid_resolution=51)
    print(json.dumps({
        "ready": True,
        "library": {"sklearn": sklearn.__version__, "xgboost": xgb.__version__, "numpy": np.__version__},
        "threads": 1,
        "seconds": seconds,
        "gbm_mean_score": float(gbm.predict(X64).mean()),
        "pd_feature0": {"feature": fm.FEATURES[0], "grid": [float(v) for v in pd0["values"][0]],
                        "average": [float(v) for v in pd0["average"][0]]},
        "shap_row0": {"features": fm.FEATURES, "values": [float(v) for v in contribs[:-1]], "bias": float(contribs[-1]),
                      "prediction": float(booster.predict(one, output_margin=True)[0])},
    }, indent=None if serve else 1), flush=True)
    if serve:
        answer(tasks)


def answer(tasks):
    """One timed call per line read: the protocol bench/run.ts drives."""
    warm = set()
    for line in sys.stdin:
        name = line.strip()
        if not name:
            continue
        if name not in tasks:
            print(json.dumps({"task": name, "error": f"unknown task {name}"}), flush=True)
            continue
        if name not in warm:
            # untimed warm-up, as bench/explain-server.ts does: calls until 0.2 s are spent or 50 calls made
            w0 = time.perf_counter()
            tasks[name]()
            for _ in range(49):
                if time.perf_counter() - w0 >= 0.2:
                    break
                tasks[name]()
            warm.add(name)
        t0 = time.perf_counter()
        tasks[name]()
        print(json.dumps({"task": name, "ms": (time.perf_counter() - t0) * 1000}), flush=True)


if __name__ == "__main__":
    main()
