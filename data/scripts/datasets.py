"""The bundled datasets as model inputs: which columns feed a model, how strings become numbers.

One place for the encoding that training, model cards, goldens and benchmarks share.
Rules (written into every model card):
- numeric columns are fed as float32; categorical columns as integer codes (float32), codes in
  the order of `levels` below (alphabetical unless the category has a natural order);
- missing values: xgboost models are fed NaN (xgboost learned where missing values go);
  every other model is fed the training-split median (numeric) or the extra code len(levels)
  (categorical, meaning "missing").
"""
import csv
import math

import numpy as np

SPLIT_SEED = 42
TEST_FRACTION = 0.25

# dataset -> target column, classification positive label (None = regression), features
SPECS = {
    "mortality": {
        "file": "data/mortality.csv", "target": "death", "positive": "1", "negative": "0",
        "features": ["age", "sex", "sample_yr", "kappa", "lambda", "flc_grp", "creatinine", "mgus"],
        "leaky_features": ["futime"],
    },
    "credit": {
        "file": "data/credit.csv", "target": "Status", "positive": "bad", "negative": "good",
        "features": ["Seniority", "Home", "Time", "Age", "Marital", "Records", "Job", "Expenses",
                     "Income", "Assets", "Debt", "Amount", "Price"],
    },
    "ames": {
        "file": "data/ames.csv", "target": "Sale_Price", "positive": None,
        "features": ["Gr_Liv_Area", "First_Flr_SF", "Second_Flr_SF", "Total_Bsmt_SF",
                     "TotRms_AbvGrd", "Full_Bath", "Year_Built", "Year_Remod_Add", "Garage_Area",
                     "Garage_Cars", "Lot_Area", "Overall_Cond", "Bldg_Type", "Neighborhood",
                     "Central_Air"],
    },
    "synthetic": {
        "file": "data/synthetic.csv", "target": "y", "positive": None,
        "features": ["x1", "x2", "x3", "x4", "x5", "group"],
    },
    "synthetic_class": {
        "file": "data/synthetic.csv", "target": "y_class", "positive": "1", "negative": "0",
        "features": ["x1", "x2", "x3", "x4", "x5", "group"],
    },
}

CATEGORICAL = {"sex", "Home", "Marital", "Records", "Job", "Overall_Cond", "Bldg_Type",
               "Neighborhood", "Central_Air", "group"}
ORDERED_LEVELS = {
    "Overall_Cond": ["Very_Poor", "Poor", "Fair", "Below_Average", "Average", "Above_Average",
                     "Good", "Very_Good", "Excellent", "Very_Excellent"],
}


def read_csv(path):
    """{column: list of str or None (empty field)} and the row count."""
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    cols = {h: [r[j] if r[j] != "" else None for r in body] for j, h in enumerate(header)}
    return cols, len(body)


def levels_of(name, values):
    if name in ORDERED_LEVELS:
        known = ORDERED_LEVELS[name]
        extra = sorted({v for v in values if v is not None} - set(known))
        if extra:
            raise ValueError(f"column {name}: levels {extra} are not in the declared order")
        return known
    return sorted({v for v in values if v is not None})


class Dataset:
    """A dataset split into train/test, with its raw (NaN for missing) float feature matrix."""

    def __init__(self, key, leaky=False):
        spec = SPECS[key]
        self.key, self.spec = key, spec
        self.name = "synthetic" if key.startswith("synthetic") else key
        self.features = spec["features"] + (spec.get("leaky_features", []) if leaky else [])
        cols, self.n = read_csv(spec["file"])
        self.levels = {f: levels_of(f, cols[f]) for f in self.features if f in CATEGORICAL}
        self.X = np.column_stack([self._column(f, cols[f]) for f in self.features])
        self.y = self._target(cols[spec["target"]])
        self.task = "regression" if spec["positive"] is None else "classification"
        self.train, self.test = self._split()

    def _column(self, name, values):
        if name in self.levels:
            code = {lvl: i for i, lvl in enumerate(self.levels[name])}
            return np.array([math.nan if v is None else code[v] for v in values], dtype=np.float64)
        return np.array([math.nan if v is None else float(v) for v in values], dtype=np.float64)

    def _target(self, values):
        if None in values:
            raise ValueError(f"{self.key}: target {self.spec['target']} has missing values")
        if self.spec["positive"] is None:
            return np.array([float(v) for v in values])
        allowed = {self.spec["positive"], self.spec["negative"]}
        bad = sorted(set(values) - allowed)
        if bad:
            raise ValueError(f"{self.key}: target values {bad} are neither of {sorted(allowed)}")
        return np.array([1 if v == self.spec["positive"] else 0 for v in values])

    def _split(self):
        rng = np.random.default_rng(SPLIT_SEED)
        idx = rng.permutation(self.n)
        n_test = int(round(self.n * TEST_FRACTION))
        return np.sort(idx[n_test:]), np.sort(idx[:n_test])

    def imputation(self):
        """Per feature: the value fed for a missing cell to non-xgboost models (train medians)."""
        out = []
        for j, f in enumerate(self.features):
            if f in self.levels:
                out.append(float(len(self.levels[f])))
            else:
                col = self.X[self.train, j]
                out.append(float(np.median(col[~np.isnan(col)])))
        return np.array(out)

    def inputs(self, keep_nan):
        """The float32 matrix fed to a model: NaN kept (xgboost) or imputed."""
        X = self.X.copy()
        if not keep_nan:
            fill = self.imputation()
            for j in range(X.shape[1]):
                X[np.isnan(X[:, j]), j] = fill[j]
        return X.astype(np.float32)

    def feature_cards(self, keep_nan):
        fill = self.imputation()
        cards = []
        for j, f in enumerate(self.features):
            card = {"name": f, "type": "categorical" if f in self.levels else "numeric",
                    "input_index": j, "dtype": "float32"}
            if f in self.levels:
                card["encoding"] = {lvl: i for i, lvl in enumerate(self.levels[f])}
            if keep_nan:
                card["missing"] = {"strategy": "nan"}
            elif f in self.levels:
                card["missing"] = {"strategy": "code", "value": fill[j]}
            else:
                card["missing"] = {"strategy": "median", "value": fill[j]}
            cards.append(card)
        return cards
