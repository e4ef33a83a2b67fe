"""Self-check of onnx_export.py on every estimator kind it claims to support, in onnxruntime-web.

Fits small models on random data (with exact ties and thresholds between close float32 values),
exports them, and runs data/scripts/verify_onnx.mjs on all rows. Also checks that each tree node's
cover equals the sum of its children's, and measures what the float32 threshold rule prevents:
how many rows a naive float32 rounding of sklearn thresholds would send down the wrong branch.
Run from the repository root: /usr/bin/python3 data/scripts/check_exporter.py  (~20 s)
"""
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import onnx
import xgboost as xgb
from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, GradientBoostingClassifier,
                              GradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from onnx_export import (linear_to_onnx, mlp_to_onnx, tree_ensemble_to_onnx,  # noqa: E402
                         xgboost_to_onnx)

OUT = "/tmp/crossexam-check-exporter"
FEATURES = ["a", "b", "c", "d"]


def data(n=3000, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    # values 1 float32 ulp apart, so sklearn puts thresholds halfway between adjacent float32s
    X[:, 0] = np.float32(1000) + rng.integers(0, 40, size=n) * np.spacing(np.float32(1000))
    X[:, 3] = rng.integers(0, 5, size=n)          # ties: an integer-coded category
    X = X.astype(np.float32)
    f = 400 * (X[:, 0] - 1000.0012) + X[:, 1] * X[:, 2] + 0.3 * X[:, 3]
    return X, f + rng.normal(size=n) * 0.1, (f + rng.logistic(size=n) > 0).astype(int)


def cases(X, y, yc):
    scaled = lambda est: Pipeline([("scaler", StandardScaler()), ("model", est)])  # noqa: E731
    Xn = X.copy()
    Xn[::5, 1] = np.nan
    booster = xgb.train({"max_depth": 3, "objective": "reg:squarederror", "base_score": 0.3},
                        xgb.DMatrix(Xn, label=y), num_boost_round=15)
    return [
        ("dt-reg", DecisionTreeRegressor(max_depth=6, random_state=0), tree_ensemble_to_onnx, X, y),
        ("dt-clf", DecisionTreeClassifier(max_depth=6, random_state=0), tree_ensemble_to_onnx, X, yc),
        ("et-reg", ExtraTreesRegressor(20, max_depth=6, random_state=0), tree_ensemble_to_onnx, X, y),
        ("et-clf", ExtraTreesClassifier(20, max_depth=6, random_state=0), tree_ensemble_to_onnx, X, yc),
        ("rf-reg", RandomForestRegressor(20, max_depth=6, random_state=0), tree_ensemble_to_onnx, X, y),
        ("rf-clf", RandomForestClassifier(20, max_depth=6, random_state=0), tree_ensemble_to_onnx, X, yc),
        ("gbm-reg-subsample", GradientBoostingRegressor(n_estimators=30, subsample=0.7, random_state=0),
         tree_ensemble_to_onnx, X, y),
        ("gbm-reg-init-zero", GradientBoostingRegressor(n_estimators=30, init="zero", random_state=0),
         tree_ensemble_to_onnx, X, y),
        ("gbm-clf", GradientBoostingClassifier(n_estimators=30, random_state=0), tree_ensemble_to_onnx, X, yc),
        ("linear", LinearRegression(), linear_to_onnx, X, y),
        ("ridge-scaled", scaled(Ridge(alpha=3.0)), linear_to_onnx, X, y),
        ("logistic", LogisticRegression(max_iter=2000), linear_to_onnx, X, yc),
        ("logistic-scaled", scaled(LogisticRegression()), linear_to_onnx, X, yc),
        ("mlp-reg-tanh", scaled(MLPRegressor((8,), activation="tanh", max_iter=300, random_state=0)),
         mlp_to_onnx, X, y),
        ("mlp-clf-logistic", scaled(MLPClassifier((8, 4), activation="logistic", max_iter=300,
                                                  random_state=0)), mlp_to_onnx, X, yc),
        ("xgb-booster-nan", booster, xgboost_to_onnx, Xn, y),
        ("xgb-clf", xgb.XGBClassifier(n_estimators=15, max_depth=3, base_score=0.3), xgboost_to_onnx, X, yc),
    ]


def reference(model, X, task):
    if isinstance(model, xgb.Booster):
        return model.predict(xgb.DMatrix(X)).astype(np.float64), None
    Xr = X if "xgboost" in type(model).__module__ else X.astype(np.float64)
    if task == "regression":
        return model.predict(Xr).astype(np.float64), None
    return model.predict_proba(Xr)[:, 1], model.predict(Xr)


def covers_add_up(proto):
    """Each branch's cover equals the sum of its two children's (1e-4 relative)."""
    node = next(n for n in proto.graph.node if n.op_type.startswith("TreeEnsemble"))
    a = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
    key = {(t, i): k for k, (t, i) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"]))}
    for k, mode in enumerate(a["nodes_modes"]):
        if mode != b"LEAF":
            t = a["nodes_treeids"][k]
            kids = a["nodes_hitrates"][key[(t, a["nodes_truenodeids"][k])]] + \
                a["nodes_hitrates"][key[(t, a["nodes_falsenodeids"][k])]]
            if abs(kids - a["nodes_hitrates"][k]) > 1e-4 * max(1.0, a["nodes_hitrates"][k]):
                return False
    return True


def naive_flips(model, X):
    """Rows whose path changes if thresholds were rounded to the NEAREST float32 (the wrong rule)."""
    t = model.tree_
    inner = t.children_left != -1
    thr = t.threshold[inner]
    naive = thr.astype(np.float32).astype(np.float64)
    feats = t.feature[inner]
    X64 = X.astype(np.float64)  # a float32 array would round a float64 scalar to float32 first
    flips = np.zeros(len(X), dtype=bool)
    for f, exact, rounded in zip(feats, thr, naive):
        flips |= (X64[:, f] <= exact) != (X64[:, f] <= rounded)
    return int(flips.sum())


def main():
    os.makedirs(OUT, exist_ok=True)
    X, y, yc = data()
    manifest, problems = [], []
    for name, model, export, Xfit, target in cases(X, y, yc):
        task = "classification" if target is yc else "regression"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if not isinstance(model, xgb.Booster):
                fit_X = Xfit if "xgboost" in type(model).__module__ else Xfit.astype(np.float64)
                model.fit(fit_X, target)
        kwargs = {}
        if export is xgboost_to_onnx:
            kwargs["objective"] = "reg:squarederror" if task == "regression" else "binary:logistic"
        elif task == "classification":
            kwargs["zipmap"] = False
        proto = export(model, FEATURES, **kwargs)
        if export in (tree_ensemble_to_onnx, xgboost_to_onnx) and not covers_add_up(proto):
            problems.append(f"{name}: a node's cover is not the sum of its children's")
        path = os.path.join(OUT, name + ".onnx")
        onnx.save(proto, path)
        scores, labels = reference(model, Xfit, task)
        golden = {"rows": list(range(len(Xfit))),
                  "inputs": [[None if np.isnan(v) else float(v) for v in r] for r in Xfit],
                  "scores": scores.tolist()}
        if labels is not None:
            golden["labels"] = [int(v) for v in labels]
        with open(os.path.join(OUT, name + ".json"), "w") as fh:
            json.dump(golden, fh)
        names = [o.name for o in proto.graph.output]
        output = "variable" if task == "regression" else ("probabilities" if "probabilities" in names
                                                           else "output_probability")
        label = next((n for n in names if n in ("label", "output_label")), None)
        manifest.append({"name": name, "onnx": path, "file": path, "golden": os.path.join(OUT, name + ".json"),
                         "output": output, "column": 1 if task == "classification" else 0, "label": label})
    tree = DecisionTreeRegressor(max_depth=10, random_state=0).fit(X.astype(np.float64), y)
    print(f"naive nearest-float32 thresholds would misroute {naive_flips(tree, X)} of {len(X)} rows "
          "in a depth-10 tree on this data; the exporter's rule misroutes none (checked below)")
    with open(os.path.join(OUT, "manifest.json"), "w") as fh:
        json.dump(manifest, fh)
    for p in problems:
        print("FAIL", p)
    rc = subprocess.run(["node", os.path.join(HERE, "verify_onnx.mjs"), os.path.join(OUT, "manifest.json")]).returncode
    sys.exit(1 if problems or rc else 0)


if __name__ == "__main__":
    main()
