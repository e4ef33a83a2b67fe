"""Oracle for exact TreeSHAP: xgboost's own pred_contribs on a small regressor and classifier.

Run with Debian's python (python3-xgboost 1.7, python3-onnx):
    /usr/bin/python3 test/oracles/shap_xgboost.py
Writes under test/fixtures/oracles/shap/:
    xgb_{regressor,classifier}.onnx   the boosters exported by data/scripts/onnx_export.py
    xgb_{regressor,classifier}.json   {features, objective, base_score, dump (get_dump json with stats),
                                       rows (20 explained rows, NaN as null), margin (output_margin),
                                       contribs (pred_contribs: p values + bias column, per row)}
Data: 300 synthetic rows, 5 features, about 5% missing, seeded (numpy default_rng(20261124)).
"""
import json
import os
import sys

import numpy as np
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "oracles", "shap")
sys.path.insert(0, os.path.join(ROOT, "data", "scripts"))
from onnx_export import xgboost_to_onnx  # noqa: E402

FEATURES = ["x1", "x2", "x3", "x4", "x5"]


def make_data(rng, n=300):
    X = rng.normal(size=(n, 5))
    X[:, 3] = rng.integers(0, 4, size=n)  # a small-integer feature: ties at thresholds
    y_reg = 2 * X[:, 0] + X[:, 1] * X[:, 2] + np.sin(3 * X[:, 4]) + 0.5 * X[:, 3] + rng.normal(scale=0.3, size=n)
    logit = 1.5 * X[:, 0] - X[:, 1] * X[:, 2] + 0.8 * (X[:, 3] > 1)
    y_cls = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    X[rng.uniform(size=X.shape) < 0.05] = np.nan
    return X, y_reg, y_cls


def fit(X, y, objective, base_score):
    params = {"objective": objective, "max_depth": 3, "eta": 0.3, "base_score": base_score,
              "tree_method": "exact", "seed": 0, "nthread": 1}
    return xgb.train(params, xgb.DMatrix(X, label=y, feature_names=FEATURES), num_boost_round=20)


def write(name, booster, objective, base_score, X):
    rows = X[:20]
    dm = xgb.DMatrix(rows, feature_names=FEATURES)
    contribs = booster.predict(dm, pred_contribs=True)
    margin = booster.predict(dm, output_margin=True)
    assert np.allclose(contribs.sum(axis=1), margin, atol=1e-4)
    model = xgboost_to_onnx(booster, FEATURES, objective=objective)
    with open(os.path.join(OUT, f"xgb_{name}.onnx"), "wb") as f:
        f.write(model.SerializeToString())
    doc = {
        "made_by": "test/oracles/shap_xgboost.py with xgboost " + xgb.__version__,
        "features": FEATURES,
        "objective": objective,
        "base_score": base_score,
        "dump": [json.loads(d) for d in booster.get_dump(dump_format="json", with_stats=True)],
        "rows": [[None if np.isnan(v) else float(v) for v in r] for r in rows],
        "margin": [float(m) for m in margin],
        "contribs": [[float(v) for v in c] for c in contribs],
    }
    with open(os.path.join(OUT, f"xgb_{name}.json"), "w") as f:
        json.dump(doc, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261124)
    X, y_reg, y_cls = make_data(rng)
    write("regressor", fit(X, y_reg, "reg:squarederror", 0.5), "reg:squarederror", 0.5, X)
    write("classifier", fit(X, y_cls, "binary:logistic", 0.3), "binary:logistic", 0.3, X)


if __name__ == "__main__":
    main()
