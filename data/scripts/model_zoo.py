"""Which models are trained on which dataset, with which settings: deterministic factories.

Shared by train_models.py (fits and exports) and bench_reference.py (refits to time predict).
"""
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
import xgboost as xgb

import onnx_export

FAMILIES = ["linear", "rf", "gbm", "xgb", "mlp"]
SEED = 1


def make(family, task, **params):
    """A fresh, unfitted estimator of `family` for `task` (regression|classification)."""
    reg = task == "regression"
    if family == "linear":
        est = LinearRegression() if reg else LogisticRegression(max_iter=2000)
        return Pipeline([("scaler", StandardScaler()), ("model", est)])
    if family == "rf":
        cls = RandomForestRegressor if reg else RandomForestClassifier
        return cls(n_estimators=50, max_depth=8, min_samples_leaf=5, random_state=SEED, n_jobs=1)
    if family == "gbm":
        cls = GradientBoostingRegressor if reg else GradientBoostingClassifier
        return cls(n_estimators=100, max_depth=3, learning_rate=0.1, random_state=SEED)
    if family == "xgb":
        cls = xgb.XGBRegressor if reg else xgb.XGBClassifier
        settings = dict(n_estimators=100, max_depth=4, learning_rate=0.1, tree_method="exact",
                        random_state=SEED, n_jobs=1, base_score=0.5,
                        objective="reg:squarederror" if reg else "binary:logistic")
        settings.update(params)
        return cls(**settings)
    if family == "mlp":
        mlp_params = dict(hidden_layer_sizes=(32, 16), alpha=1e-3, max_iter=1000,
                          early_stopping=True, n_iter_no_change=20, random_state=SEED)
        if reg:
            inner = Pipeline([("scaler", StandardScaler()), ("model", MLPRegressor(**mlp_params))])
            return TransformedTargetRegressor(regressor=inner, transformer=StandardScaler())
        return Pipeline([("scaler", StandardScaler()), ("model", MLPClassifier(**mlp_params))])
    raise ValueError(f"unknown family {family!r}; known: {FAMILIES}")


def to_onnx(family, model, features, task, zipmap):
    if family == "xgb":
        objective = "reg:squarederror" if task == "regression" else "binary:logistic"
        return onnx_export.xgboost_to_onnx(model, features, objective=objective)
    if family in ("rf", "gbm"):
        return onnx_export.tree_ensemble_to_onnx(model, features, zipmap=zipmap)
    if family == "linear":
        return onnx_export.linear_to_onnx(model, features, zipmap=zipmap)
    return onnx_export.mlp_to_onnx(model, features, zipmap=zipmap)


def rashomon_params(key):
    """12 xgboost variants that differ in depth, learning rate, row/column sampling and seed,
    chosen so all score within a few percent of each other on the test split."""
    out = []
    for i in range(12):
        p = dict(learning_rate=(0.1, 0.08, 0.12)[i % 3], subsample=(0.7, 0.8, 0.9)[(i // 2) % 3],
                 colsample_bytree=(0.8, 1.0)[i // 6], random_state=100 + i)
        if key == "synthetic":  # the x2*x3 interaction needs deeper trees
            p.update(max_depth=4 + i % 2, n_estimators=120, colsample_bytree=1.0)
        else:
            p.update(max_depth=3 + i % 2, n_estimators=100)
        out.append(p)
    return out


def plan():
    """[(dataset key, model name, family, params, zipmap, set, leaky)] in training order.

    ZipMap (skl2onnx's default) on the sklearn classifiers of mortality and credit, plain tensors on
    the MLPs and the synthetic classifiers: both kinds of file exist, as users will bring both.
    """
    jobs = []
    for key in ("mortality", "credit", "ames", "synthetic", "synthetic_class"):
        prefix = {"synthetic": "y-", "synthetic_class": "y_class-"}.get(key, "")
        for family in FAMILIES:
            zipmap = key in ("mortality", "credit") and family in ("linear", "rf", "gbm")
            jobs.append((key, prefix + family, family, {}, zipmap, None, False))
    jobs.append(("mortality", "gbm-leaky", "gbm", {}, True, None, True))
    for key, prefix in (("synthetic", "y-"), ("credit", "")):
        for i, params in enumerate(rashomon_params(key)):
            jobs.append((key, f"{prefix}rashomon-{i:02d}", "xgb", params, False, "rashomon", False))
    return jobs
