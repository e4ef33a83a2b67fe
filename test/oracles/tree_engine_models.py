"""Fixtures for the tree engine (src/model/tree-engine*.ts), written by the real exporter skl2onnx.

  multiclass_gbm.onnx   GradientBoostingClassifier, 3 classes, 20 trees per class, depth 3: SOFTMAX over summed margins
  multiclass_rf.onnx    RandomForestClassifier, 3 classes, 10 trees, depth 4: averaged class frequencies, no transform
  scaled_gbm.onnx       Pipeline(StandardScaler, GradientBoostingRegressor(20 trees)): a Scaler node in front of
                        the trees, so the tree engine must decline and explainers call onnxruntime

Trained on rows 0..599 of data/synthetic.csv (x1..x5; class = tertile of y); tree_engine.json holds rows 600..799,
sklearn's predict_proba / predict on them, and the feature names.

The exporters are pure Python sources at fixed tags, on PYTHONPATH (not part of this repository):
  skl2onnx 1.14.1 (fetch github:onnx/sklearn-onnx, tag 1.14.1), onnxconverter-common v1.13.0
  (github:microsoft/onnxconverter-common), used with Debian 12's python3-onnx 1.12 and python3-sklearn 1.2.1.
Run from the repository root:
  PYTHONPATH=/path/skl2onnx:/path/onnxconverter-common /usr/bin/python3 test/oracles/tree_engine_models.py
"""
import csv
import json
import os

import numpy as np
from onnx import helper
from skl2onnx import to_onnx
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor, RandomForestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

OUT = "test/fixtures/oracles/trees"
FEATURES = ["x1", "x2", "x3", "x4", "x5"]


def read_synthetic():
    with open("data/synthetic.csv") as f:
        rows = list(csv.DictReader(f))
    X = np.array([[float(r[c]) for c in FEATURES] for r in rows], dtype=np.float32)
    y = np.array([float(r["y"]) for r in rows])
    return X, y


def name_features(onx):
    """Names the input columns in the metadata (skl2onnx leaves them unnamed); its ZipMap is kept, crossexam rewrites it."""
    helper.set_model_props(onx, {"feature_names": ",".join(FEATURES)})
    return onx


def main():
    X, y = read_synthetic()
    train, test = slice(0, 600), slice(600, 800)
    cuts = np.quantile(y[train], [1 / 3, 2 / 3])
    y3 = np.digitize(y, cuts)
    models = {
        "multiclass_gbm": GradientBoostingClassifier(n_estimators=20, max_depth=3, random_state=0).fit(X[train], y3[train]),
        "multiclass_rf": RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0).fit(X[train], y3[train]),
        "scaled_gbm": make_pipeline(StandardScaler(), GradientBoostingRegressor(n_estimators=20, max_depth=3, random_state=0))
        .fit(X[train], y[train]),
    }
    os.makedirs(OUT, exist_ok=True)
    out = {"features": FEATURES, "rows": X[test].astype(float).tolist(), "y": y[test].tolist(), "classes": [0, 1, 2], "models": {}}
    for name, m in models.items():
        onx = name_features(to_onnx(m, X[:1], target_opset={"": 15, "ai.onnx.ml": 3}))
        with open(os.path.join(OUT, f"{name}.onnx"), "wb") as f:
            f.write(onx.SerializeToString())
        pred = m.predict_proba(X[test]) if hasattr(m, "predict_proba") else m.predict(X[test])
        out["models"][name] = {"predictions": np.asarray(pred, dtype=float).tolist()}
    with open(os.path.join(OUT, "tree_engine.json"), "w") as f:
        json.dump(out, f)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
