"""The models the explanation benchmark runs: 100 trees of depth 3 on 10 numeric features of ames.

Shared by make_fixtures.py (fits and exports the ONNX files under bench/fixtures/) and
reference_explain.py (refits the same models, deterministically, to time sklearn/xgboost on them).
No bundled model has exactly 10 features (ames 15, credit 13, mortality 8, synthetic 6), hence these.
"""
import os
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "data", "scripts"))
os.chdir(ROOT)  # datasets.py reads data/*.csv relative to the repository root

from datasets import Dataset  # noqa: E402

# the first ten ames features, all numeric (Gr_Liv_Area … Garage_Cars)
FEATURES = ["Gr_Liv_Area", "First_Flr_SF", "Second_Flr_SF", "Total_Bsmt_SF", "TotRms_AbvGrd",
            "Full_Bath", "Year_Built", "Year_Remod_Add", "Garage_Area", "Garage_Cars"]
TARGET = "Sale_Price"
SEED = 1
# rows explained in the benchmark: the first 1,000 data rows of ames.csv
EXPLAIN_ROWS = 1000


def data():
    """(X float32 [n, 10] as fed to the ONNX models, y, train row indices)."""
    ds = Dataset("ames")
    idx = [ds.features.index(f) for f in FEATURES]
    X = ds.inputs(keep_nan=False)[:, idx]
    if np.isnan(X).any():
        raise ValueError("the benchmark features must have no missing values")
    return X, ds.y, ds.train


def fit_gbm(X, y, train):
    from sklearn.ensemble import GradientBoostingRegressor
    model = GradientBoostingRegressor(n_estimators=100, max_depth=3, learning_rate=0.1, random_state=SEED)
    return model.fit(X[train].astype(np.float64), y[train])


def fit_xgb(X, y, train):
    import xgboost as xgb
    model = xgb.XGBRegressor(n_estimators=100, max_depth=3, learning_rate=0.1, tree_method="exact",
                             random_state=SEED, n_jobs=1, base_score=0.5, objective="reg:squarederror")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(X[train], y[train])
