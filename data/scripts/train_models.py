"""Trains every bundled model, exports it to ONNX, writes its card and golden, and verifies the
ONNX files against sklearn/xgboost in onnxruntime-web (Node).

Run from the repository root: /usr/bin/python3 data/scripts/train_models.py [--only NAME_SUBSTRING]
Writes data/models/<dataset>/<model>.{onnx,card.json,golden.json} and data/models/index.json;
the check runs every row of each dataset (scratch files under /tmp/crossexam-verify).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np
import onnx
from sklearn import metrics

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_zoo  # noqa: E402
import onnx_export  # noqa: E402
from datasets import SPECS, SPLIT_SEED, TEST_FRACTION, Dataset  # noqa: E402

OUT = "data/models"
VERIFY_DIR = "/tmp/crossexam-verify"
GOLDEN_ROWS = 50
EXPORTED_WITH = "onnx.helper via data/scripts/onnx_export.py"


def scores(model, task, X):
    """Regression value or positive-class probability, in float64, from the float32 inputs."""
    X64 = X.astype(np.float64)
    if task == "regression":
        return np.asarray(model.predict(X64 if not _is_xgb(model) else X), dtype=np.float64).ravel()
    return np.asarray(model.predict_proba(X64 if not _is_xgb(model) else X)[:, 1], dtype=np.float64)


def _is_xgb(model):
    return type(model).__module__.startswith("xgboost")


def metric_set(task, y, s):
    if task == "regression":
        return {"rmse": float(np.sqrt(metrics.mean_squared_error(y, s))),
                "mae": float(metrics.mean_absolute_error(y, s)), "r2": float(metrics.r2_score(y, s))}
    return {"auc": float(metrics.roc_auc_score(y, s)), "log_loss": float(metrics.log_loss(y, s)),
            "brier": float(metrics.brier_score_loss(y, s)),
            "accuracy": float(metrics.accuracy_score(y, (s > 0.5).astype(int)))}


def golden_rows(ds):
    """40 random test rows plus up to 10 test rows with a missing feature, sorted."""
    rng = np.random.default_rng(0)
    test = ds.test
    has_nan = np.isnan(ds.X[test]).any(axis=1)
    pick = list(rng.choice(test[~has_nan], size=min(40, int((~has_nan).sum())), replace=False))
    if has_nan.any():
        pick += list(rng.choice(test[has_nan], size=min(10, int(has_nan.sum())), replace=False))
    else:
        rest = np.setdiff1d(test, pick)
        pick += list(rng.choice(rest, size=GOLDEN_ROWS - len(pick), replace=False))
    return np.sort(np.array(pick))


def class_values(ds):
    """Class labels as they appear in the table (numbers for 0/1 columns), index = model label."""
    neg, pos = ds.spec["negative"], ds.spec["positive"]
    if pos.isdigit() and neg.isdigit():
        return [int(neg), int(pos)]
    return [neg, pos]


def outputs_of(model_proto):
    kinds = {"variable": "value", "output_label": "label", "label": "label", "probabilities": "probabilities"}
    out = []
    for o in model_proto.graph.output:
        is_seq = o.type.HasField("sequence_type")
        out.append({"name": o.name, "kind": "zipmap" if is_seq else kinds.get(o.name, "probabilities")})
    return out


def score_output(task, family, zipmap):
    if task == "regression":
        return {"name": "variable", "column": 0}
    if family == "xgb":
        return {"name": "probabilities", "column": 1}
    if zipmap:
        # onnxruntime-web cannot read the ZipMap; its input tensor holds the same numbers
        return {"name": "output_probability", "column": 1, "zipmap_input": "probabilities"}
    return {"name": "output_probability", "column": 1}


def write_json(path, obj):
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1)
        fh.write("\n")


def write_golden(path, golden):
    """One golden row per line, so a diff shows which rows changed."""
    lines = [f' "{k}": {json.dumps(v)}' for k, v in golden.items() if k != "inputs"]
    rows = ",\n  ".join(json.dumps(r) for r in golden["inputs"])
    lines.insert(2, f' "inputs": [\n  {rows}\n ]')
    with open(path, "w") as fh:
        fh.write("{\n" + ",\n".join(lines) + "\n}\n")


def train_one(job, datasets_cache, verify):
    key, name, family, params, zipmap, set_name, leaky = job
    cache_key = (key, leaky)
    if cache_key not in datasets_cache:
        datasets_cache[cache_key] = Dataset(key, leaky=leaky)
    ds = datasets_cache[cache_key]
    keep_nan = family == "xgb"
    X = ds.inputs(keep_nan)
    t0 = time.time()
    model = model_zoo.make(family, ds.task, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X[ds.train] if keep_nan else X[ds.train].astype(np.float64), ds.y[ds.train])
    fit_s = time.time() - t0
    proto = model_zoo.to_onnx(family, model, ds.features, ds.task, zipmap)
    folder = os.path.join(OUT, ds.name)
    os.makedirs(folder, exist_ok=True)
    base = os.path.join(folder, name)
    onnx.save(proto, base + ".onnx")

    s_test, s_train = scores(model, ds.task, X[ds.test]), scores(model, ds.task, X[ds.train])
    rows = golden_rows(ds)
    golden = {"model": f"{ds.name}-{name}", "rows": [int(r) for r in rows],
              "inputs": [[None if np.isnan(v) else float(v) for v in X[r]] for r in rows],
              "scores": [float(v) for v in scores(model, ds.task, X[rows])]}
    if ds.task == "classification":
        golden["labels"] = [int(v) for v in model.predict(X[rows] if keep_nan else X[rows].astype(np.float64))]
    write_golden(base + ".golden.json", golden)

    target = ds.spec["target"]
    card = {
        "name": f"{ds.name}-{name}", "dataset": ds.name, "data": f"data/{os.path.basename(ds.spec['file'])}",
        "family": family, "estimator": _estimator_name(model), "params": _params(model, family),
        "set": set_name, "task": ds.task, "target": target,
        "positive_class": class_values(ds)[1] if ds.task == "classification" else None,
        "classes": class_values(ds) if ds.task == "classification" else None,
        "features": ds.feature_cards(keep_nan),
        "inputs": [{"name": "float_input", "dtype": "float32", "shape": [None, len(ds.features)]}],
        "outputs": outputs_of(proto), "score": score_output(ds.task, family, zipmap),
        "metrics": {"test": metric_set(ds.task, ds.y[ds.test], s_test),
                    "train": metric_set(ds.task, ds.y[ds.train], s_train)},
        "train_rows": int(len(ds.train)), "test_rows": int(len(ds.test)), "split_seed": SPLIT_SEED,
        "split": f"rows permuted by numpy default_rng({SPLIT_SEED}); first {TEST_FRACTION:.0%} are test "
                 "(see data/scripts/datasets.py)",
        "zipmap": bool(zipmap and family != "xgb" and ds.task == "classification"),
        "tree_cover": family in ("rf", "gbm", "xgb"),
        "leaky": leaky, "exported_with": EXPORTED_WITH,
    }
    if leaky:
        card["note"] = ("Deliberately leaky: futime (follow-up time) is only known after the outcome; "
                        "short follow-up means early death. An audit should flag it.")
    write_json(base + ".card.json", card)

    # verification: zipmap files are checked through a twin without the ZipMap (same numbers)
    check_path = base + ".onnx"
    if card["zipmap"]:
        os.makedirs(os.path.join(VERIFY_DIR, ds.name), exist_ok=True)
        check_path = os.path.join(VERIFY_DIR, ds.name, name + ".onnx")
        onnx.save(model_zoo.to_onnx(family, model, ds.features, ds.task, False), check_path)
    # ...and on every row of the dataset (train rows sit next to the split thresholds), not only the goldens
    everything = os.path.join(VERIFY_DIR, ds.name, name + ".all.json")
    os.makedirs(os.path.dirname(everything), exist_ok=True)
    all_rows = np.arange(ds.n)
    full = {"rows": all_rows.tolist(), "inputs": [[None if np.isnan(v) else float(v) for v in r] for r in X],
            "scores": scores(model, ds.task, X).tolist()}
    if ds.task == "classification":
        full["labels"] = [int(v) for v in model.predict(X if keep_nan else X.astype(np.float64))]
    write_json(everything, full)
    out_name = card["score"]["name"]
    verify.append({"name": card["name"], "onnx": check_path, "golden": everything,
                   "output": out_name, "column": card["score"]["column"], "file": base + ".onnx",
                   "label": next((o["name"] for o in card["outputs"] if o["kind"] == "label"), None)})
    entry = {"name": card["name"], "dataset": ds.name, "family": family, "task": ds.task,
             "target": target, "set": set_name, "leaky": leaky, "zipmap": card["zipmap"],
             "path": f"{ds.name}/{name}.onnx", "card": f"{ds.name}/{name}.card.json",
             "golden": f"{ds.name}/{name}.golden.json", "test": card["metrics"]["test"]}
    print(f"{card['name']:32s} fit {fit_s:5.1f}s  test {card['metrics']['test']}", flush=True)
    return entry


def _estimator_name(model):
    inner = getattr(model, "regressor", model)
    steps = getattr(inner, "steps", None)
    parts = [type(s).__name__ for _, s in steps] if steps else [type(inner).__name__]
    if inner is not model:
        parts = [type(model).__name__ + "(" + " > ".join(parts) + ", target StandardScaler)"]
    return " > ".join(parts)


def _params(model, family):
    inner = getattr(model, "regressor", model)
    est = inner.steps[-1][1] if hasattr(inner, "steps") else inner
    keys = {"rf": ["n_estimators", "max_depth", "min_samples_leaf", "random_state"],
            "gbm": ["n_estimators", "max_depth", "learning_rate", "random_state"],
            "xgb": ["n_estimators", "max_depth", "learning_rate", "subsample", "colsample_bytree",
                    "random_state", "tree_method", "base_score"],
            "mlp": ["hidden_layer_sizes", "activation", "alpha", "early_stopping", "random_state"],
            "linear": []}[family]
    p = est.get_params()
    return {k: p[k] for k in keys}


def set_index(entries):
    """Each model set (e.g. a Rashomon set) with its members and the spread of their test metric."""
    sets = {}
    for e in entries:
        if e["set"]:
            sets.setdefault((e["dataset"], e["target"], e["set"]), []).append(e)
    out = []
    for (dataset, target, kind), members in sets.items():
        metric = "rmse" if members[0]["task"] == "regression" else "auc"
        values = [m["test"][metric] for m in members]
        out.append({"name": f"{dataset}-{target}-{kind}", "kind": kind, "dataset": dataset,
                    "target": target, "members": [m["name"] for m in members], "metric": metric,
                    "test_range": [min(values), max(values)]})
    return out


def dataset_index():
    out, seen = [], set()
    for key, spec in SPECS.items():
        if spec["file"] in seen:
            continue
        seen.add(spec["file"])
        ds = Dataset(key)
        out.append({"name": ds.name, "path": "../" + os.path.basename(spec["file"]), "rows": ds.n})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="", help="train only models whose name contains this")
    args = ap.parse_args()
    cache, verify, entries = {}, [], []
    for job in model_zoo.plan():
        if args.only and args.only not in f"{job[0]}-{job[1]}":
            continue
        entries.append(train_one(job, cache, verify))
    if not args.only:
        write_json(os.path.join(OUT, "index.json"),
                   {"about": "Every bundled model; paths are relative to this file.",
                    "datasets": dataset_index(), "sets": set_index(entries), "models": entries})
    manifest = os.path.join(VERIFY_DIR, "manifest.json")
    os.makedirs(VERIFY_DIR, exist_ok=True)
    write_json(manifest, verify)
    here = os.path.dirname(os.path.abspath(__file__))
    result = subprocess.run(["node", os.path.join(here, "verify_onnx.mjs"), manifest])
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
