"""Real sklearn tree ensembles for TreeSHAP: deep random-forest trees (features repeated along
paths, BRANCH_LEQ with float32 thresholds) and a boosted classifier (LOGISTIC margin).

Run with Debian's python (python3-sklearn, python3-onnx):
    /usr/bin/python3 test/oracles/shap_sklearn.py
Writes under test/fixtures/oracles/shap/:
    sk_{forest,boosting}.onnx   exported by data/scripts/onnx_export.py (covers = weighted_n_node_samples)
    sk_{forest,boosting}.json   {features, rows (20 rows), margin (RF: predict; GBM: decision_function)}
sklearn computes no SHAP values: the tests check our margin against sklearn and our TreeSHAP
against brute-force enumeration of coalitions on these ensembles.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, RandomForestRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "oracles", "shap")
sys.path.insert(0, os.path.join(ROOT, "data", "scripts"))
from onnx_export import tree_ensemble_to_onnx  # noqa: E402

FEATURES = ["x1", "x2", "x3", "x4", "x5"]


def write(name, model, margin_fn, X):
    rows = X[:20]
    with open(os.path.join(OUT, f"sk_{name}.onnx"), "wb") as f:
        f.write(tree_ensemble_to_onnx(model, FEATURES, zipmap=False).SerializeToString())
    doc = {
        "made_by": "test/oracles/shap_sklearn.py with scikit-learn " + sklearn.__version__,
        "features": FEATURES,
        "rows": [[float(v) for v in r] for r in rows],
        "margin": [float(m) for m in margin_fn(rows)],
    }
    with open(os.path.join(OUT, f"sk_{name}.json"), "w") as f:
        json.dump(doc, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    n = 300
    X = rng.normal(size=(n, 5))
    X[:, 4] = np.round(X[:, 4], 1)  # ties at thresholds
    y = 2 * X[:, 0] + X[:, 1] * X[:, 2] + np.abs(X[:, 3]) + rng.normal(scale=0.2, size=n)
    forest = RandomForestRegressor(n_estimators=15, max_depth=7, random_state=0).fit(X, y)
    write("forest", forest, forest.predict, X)
    yc = (X[:, 0] - X[:, 1] * X[:, 2] + rng.normal(scale=0.5, size=n) > 0).astype(int)
    boosting = GradientBoostingClassifier(n_estimators=20, max_depth=3, random_state=0).fit(X, yc)
    write("boosting", boosting, boosting.decision_function, X)


if __name__ == "__main__":
    main()
