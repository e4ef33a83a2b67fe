"""Oracle fixtures for PD/ICE and permutation importance, computed by scikit-learn.

Trains a GradientBoostingRegressor (30 trees, depth 3) on y and a RandomForestClassifier (30 trees,
depth 5) on y_class, from rows 0..1499 of data/synthetic.csv (features x1..x5), exports both to
ONNX with data/scripts/onnx_export.py, and on the held-out rows 1500..1699 (200 rows) records:
- sklearn.inspection.partial_dependence(method="brute", kind="both") for x1 and x3
  (grid_resolution 11, default percentiles), its grid, PD and the ICE curves of rows 0..49;
- the exact permutation indices sklearn.inspection.permutation_importance(n_repeats=10,
  random_state=0) uses (re-derived here, then checked against its output to 1e-12), the permuted
  scores computed with those indices, and sklearn's importances (mean, std with ddof 0, raw).

Run from the repository root: /usr/bin/python3 test/oracles/effects_sklearn.py
"""
import csv
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier
from sklearn.inspection import partial_dependence, permutation_importance
from sklearn.metrics import get_scorer

sys.path.insert(0, "data/scripts")
import onnx_export  # noqa: E402

OUT = "test/fixtures/oracles/effects"
FEATURES = ["x1", "x2", "x3", "x4", "x5"]
PD_FEATURES = ["x1", "x3"]
ICE_ROWS = 50
REPEATS, SEED = 10, 0


def read_synthetic():
    with open("data/synthetic.csv") as f:
        rows = list(csv.DictReader(f))
    X = np.array([[float(r[c]) for c in FEATURES] for r in rows])
    y = np.array([float(r["y"]) for r in rows])
    y_class = np.array([int(r["y_class"]) for r in rows])
    return X, y, y_class


def sklearn_permutations(n, n_features):
    """The effective row permutation of each feature and repeat in sklearn 1.2's permutation_importance.

    It draws one seed, then per feature re-seeds, shuffles an index array in place each repeat and
    sets X[:, j] = X_permuted[idx, j], so repeat r's column is the original at the composition of
    the shuffles so far."""
    seed = np.random.RandomState(SEED).randint(np.iinfo(np.int32).max + 1)
    out = []
    for _ in range(n_features):
        rs = np.random.RandomState(seed)
        idx = np.arange(n)
        composed = np.arange(n)
        perms = []
        for _ in range(REPEATS):
            rs.shuffle(idx)
            composed = composed[idx]
            perms.append(composed.copy())
        out.append(perms)
    return out


def importance_oracle(model, X, y, scoring, perms):
    result = permutation_importance(model, X, y, scoring=scoring, n_repeats=REPEATS, random_state=SEED)
    record = {}
    for name in scoring:
        scorer = get_scorer(name)
        base = scorer(model, X, y)
        permuted = []
        for j, per_feature in enumerate(perms):
            scores = []
            for p in per_feature:
                Xp = X.copy()
                Xp[:, j] = X[p, j]
                scores.append(scorer(model, Xp, y))
            permuted.append(scores)
        drops = base - np.array(permuted)
        # our re-derived indices reproduce sklearn's own result exactly
        assert np.allclose(drops, result[name].importances, rtol=0, atol=1e-12), name
        record[name] = {
            "base_score": base,
            "permuted_scores": permuted,
            "importances": result[name].importances.tolist(),
            "importances_mean": result[name].importances_mean.tolist(),
            "importances_std": result[name].importances_std.tolist(),
        }
    return record


def pd_oracle(model, X):
    out = {}
    for f in PD_FEATURES:
        j = FEATURES.index(f)
        r = partial_dependence(model, X, [j], kind="both", method="brute", grid_resolution=11)
        grid = r["values"][0]
        out[f] = {
            "grid": grid.tolist(),
            "average": r["average"][0].tolist(),
            "ice_rows": list(range(ICE_ROWS)),
            "individual": r["individual"][0][:ICE_ROWS].tolist(),
        }
    return out


def main():
    X, y, y_class = read_synthetic()
    train, test = slice(0, 1500), slice(1500, 1700)
    gbm = GradientBoostingRegressor(n_estimators=30, max_depth=3, random_state=0).fit(X[train], y[train])
    rf = RandomForestClassifier(n_estimators=30, max_depth=5, random_state=0).fit(X[train], y_class[train])
    Xt, yt, ct = X[test], y[test], y_class[test]
    os.makedirs(OUT, exist_ok=True)
    for name, model in [("gbm_regressor", gbm), ("rf_classifier", rf)]:
        onnx_model = onnx_export.tree_ensemble_to_onnx(model, FEATURES, zipmap=False)
        with open(f"{OUT}/{name}.onnx", "wb") as f:
            f.write(onnx_model.SerializeToString())
    perms = sklearn_permutations(len(Xt), len(FEATURES))
    fixture = {
        "provenance": f"test/oracles/effects_sklearn.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "features": FEATURES,
        "data": {**{c: Xt[:, j].tolist() for j, c in enumerate(FEATURES)}, "y": yt.tolist(), "y_class": ct.tolist()},
        "permutations": [[p.tolist() for p in per] for per in perms],
        "models": {
            "gbm_regressor": {
                "predictions": gbm.predict(Xt).tolist(),
                "pd": pd_oracle(gbm, Xt),
                "importance": importance_oracle(gbm, Xt, yt, ["r2", "neg_mean_squared_error"], perms),
            },
            "rf_classifier": {
                "predictions": rf.predict_proba(Xt)[:, 1].tolist(),
                "pd": pd_oracle(rf, Xt),
                "importance": importance_oracle(rf, Xt, ct, ["roc_auc", "neg_log_loss", "accuracy"], perms),
            },
        },
    }
    with open(f"{OUT}/effects_sklearn.json", "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
