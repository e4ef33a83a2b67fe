"""Reference speed of the bundled models in their own libraries (sklearn / xgboost), for `npm run bench`.

Refits each model deterministically (same data, split and settings as train_models.py; no pickles),
then times predict (regression) or predict_proba (classification) on the dataset's rows tiled to
each batch size, single-threaded. Prints one JSON object on stdout:

  {"library": {...versions}, "threads": 1, "results": [
     {"model": "credit-gbm", "family": "gbm", "task": "classification",
      "rows_per_second": {"1": ..., "1000": ..., "100000": ...}}, ...]}

Usage (from the repository root):
  /usr/bin/python3 data/scripts/bench_reference.py credit-gbm ames-xgb     # named models
  /usr/bin/python3 data/scripts/bench_reference.py --dataset credit        # its five families
  options: --batches 1,1000,100000  --seconds 0.5 (time budget per measurement)
"""
import argparse
import json
import os
import sys
import time
import warnings

# single-threaded BLAS, set before numpy loads, so the figures compare with one onnxruntime thread
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_zoo  # noqa: E402
from datasets import Dataset  # noqa: E402


def jobs_by_name():
    out = {}
    for job in model_zoo.plan():
        key, name = job[0], job[1]
        dataset = "synthetic" if key.startswith("synthetic") else key
        out[f"{dataset}-{name}"] = job
    return out


def fit(job):
    key, _, family, params, _, _, leaky = job
    ds = Dataset(key, leaky=leaky)
    X = ds.inputs(keep_nan=family == "xgb")
    model = model_zoo.make(family, ds.task, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X[ds.train] if family == "xgb" else X[ds.train].astype(np.float64), ds.y[ds.train])
    return model, ds.task, X


def rows_per_second(predict, X, batch, budget):
    """Best of repeated timings of predict on `batch` rows (tiled from X), in rows per second."""
    reps = int(np.ceil(batch / len(X)))
    data = np.tile(X, (reps, 1))[:batch]
    predict(data)  # warm up
    best, spent, calls = float("inf"), 0.0, 0
    while calls < 3 or (spent < budget and calls < 10000):
        t0 = time.perf_counter()
        predict(data)
        dt = time.perf_counter() - t0
        best, spent, calls = min(best, dt), spent + dt, calls + 1
    return batch / best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="*", help="model names as in data/models/index.json")
    ap.add_argument("--dataset", help="bench the five base families of this dataset")
    ap.add_argument("--batches", default="1,1000,100000")
    ap.add_argument("--seconds", type=float, default=0.5)
    args = ap.parse_args()
    known = jobs_by_name()
    names = list(args.models)
    if args.dataset:
        names += [f"{args.dataset}-{f}" for f in model_zoo.FAMILIES]
    if not names:
        ap.error("name at least one model (e.g. credit-gbm) or pass --dataset")
    unknown = [n for n in names if n not in known]
    if unknown:
        ap.error(f"unknown model(s) {unknown}; known: {sorted(known)}")
    batches = [int(b) for b in args.batches.split(",")]
    results = []
    for name in names:
        job = known[name]
        model, task, X = fit(job)
        if job[2] != "xgb":
            X = X.astype(np.float64)
        predict = model.predict if task == "regression" else model.predict_proba
        rps = {str(b): round(rows_per_second(predict, X, b, args.seconds), 1) for b in batches}
        results.append({"model": name, "family": job[2], "task": task, "rows_per_second": rps})
        print(f"{name}: {rps}", file=sys.stderr, flush=True)
    import sklearn
    import xgboost
    print(json.dumps({"library": {"sklearn": sklearn.__version__, "xgboost": xgboost.__version__,
                                  "numpy": np.__version__},
                      "threads": 1, "results": results}, indent=1))


if __name__ == "__main__":
    main()
