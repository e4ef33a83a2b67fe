"""Writes bench/fixtures/ames10-gbm.onnx (sklearn) and ames10-xgb.onnx (xgboost): 100 trees of depth 3
on 10 numeric ames features (see fixture_models.py). Deterministic; run from anywhere:

  /usr/bin/python3 bench/make_fixtures.py
"""
import os

import numpy as np

import fixture_models as fm

import onnx_export  # noqa: E402  (on the path set by fixture_models)


def main():
    X, y, train = fm.data()
    out = os.path.join(fm.HERE, "fixtures")
    os.makedirs(out, exist_ok=True)
    gbm = fm.fit_gbm(X, y, train)
    xgbm = fm.fit_xgb(X, y, train)
    for name, proto in (("ames10-gbm", onnx_export.tree_ensemble_to_onnx(gbm, fm.FEATURES)),
                        ("ames10-xgb", onnx_export.xgboost_to_onnx(xgbm, fm.FEATURES, objective="reg:squarederror"))):
        path = os.path.join(out, f"{name}.onnx")
        with open(path, "wb") as fh:
            fh.write(proto.SerializeToString())
        print(f"wrote {os.path.relpath(path, fm.ROOT)}")
    # what the ONNX files must reproduce (checked by bench/run.ts before timing)
    rows = np.arange(fm.EXPLAIN_ROWS)
    print(f"gbm mean score on the first {fm.EXPLAIN_ROWS} rows: {gbm.predict(X[rows].astype(np.float64)).mean():.6f}")
    print(f"xgb mean score on the first {fm.EXPLAIN_ROWS} rows: {xgbm.predict(X[rows]).mean():.6f}")


if __name__ == "__main__":
    main()
