"""The data half of the benchmark (bench/run.ts, part 3): makes the big table, and times pandas on it.

  /usr/bin/python3 bench/reference_load.py make DIR [--rows N]
      writes DIR/rows.csv (N rows, default 1,000,000, 12 numeric columns: the 10 features of
      bench/fixtures/ames10-gbm.onnx, Sale_Price and a weight) and DIR/rows.f64 + DIR/rows.json
      (the same values as raw float64 columns, from which bench/load-speed.ts writes DIR/rows.parquet:
      Debian 12 has neither pyarrow nor fastparquet). The rows are ames rows drawn with replacement,
      areas jittered by 2 % (so they are decimals, not only integers); seeded, so every run writes the
      same file.
  /usr/bin/python3 bench/reference_load.py csv DIR
      in a fresh process: pandas read_csv + sklearn GradientBoostingRegressor.predict (the same model
      as the ONNX fixture, refitted by fixture_models.py) + writing the scores as CSV; prints JSON
      {seconds: {read, predict, write, total}, rss: {before, peak}} (bytes; peak is getrusage's maxrss).
Nothing is committed: the files go to a temporary folder at bench time.
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import gc  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import fixture_models as fm  # noqa: E402

AREAS = ["Gr_Liv_Area", "First_Flr_SF", "Second_Flr_SF", "Total_Bsmt_SF", "Garage_Area"]
COLUMNS = fm.FEATURES + ["Sale_Price", "weight"]


def rss_now():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def make(out, rows):
    import pandas as pd
    X, y, _ = fm.data()
    rng = np.random.default_rng(20261201)
    pick = rng.integers(0, X.shape[0], rows)
    cols = {}
    for j, name in enumerate(fm.FEATURES):
        v = X[pick, j].astype(np.float64)
        if name in AREAS:
            v = np.round(v * (1 + 0.02 * rng.standard_normal(rows)), 1)
        cols[name] = v
    cols["Sale_Price"] = y[pick].astype(np.float64)
    cols["weight"] = np.round(rng.random(rows), 6)
    df = pd.DataFrame(cols, columns=COLUMNS)
    os.makedirs(out, exist_ok=True)
    df.to_csv(os.path.join(out, "rows.csv"), index=False)
    np.stack([df[c].to_numpy(np.float64) for c in COLUMNS]).tofile(os.path.join(out, "rows.f64"))
    with open(os.path.join(out, "rows.json"), "w") as fh:
        json.dump({"rows": rows, "columns": COLUMNS}, fh)
    print(json.dumps({"rows": rows, "columns": COLUMNS, "csv_bytes": os.path.getsize(os.path.join(out, "rows.csv"))}))


def score_csv(out):
    import pandas as pd
    X, y, train = fm.data()
    model = fm.fit_gbm(X, y, train)
    gc.collect()
    before = rss_now()
    t0 = time.perf_counter()
    df = pd.read_csv(os.path.join(out, "rows.csv"))
    t1 = time.perf_counter()
    scores = model.predict(df[fm.FEATURES].to_numpy(np.float64))
    t2 = time.perf_counter()
    pd.DataFrame({"score": scores}).to_csv(os.path.join(out, "pandas-scores.csv"), index=False)
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    import pandas
    import sklearn
    print(json.dumps({
        "library": {"pandas": pandas.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__},
        "rows": len(df), "seconds": {"read": t1 - t0, "predict": t2 - t1, "write": t3 - t2, "total": t3 - t0},
        "rss": {"before": before, "peak": peak}, "mean_score": float(scores.mean()),
    }))


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("make", "csv"):
        sys.exit(__doc__)
    if sys.argv[1] == "make":
        rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 1_000_000
        make(sys.argv[2], rows)
    else:
        score_csv(sys.argv[2])
