"""Exports fitted sklearn / xgboost models to ONNX with onnx.helper (skl2onnx is not available).

Importable by other scripts:
    sys.path.insert(0, "data/scripts"); from onnx_export import tree_ensemble_to_onnx, ...

Conventions (like skl2onnx / onnxmltools, so our files look like real users' files):
- ONE input `float_input`, float32 [None, p], columns in `feature_names` order.
- sklearn regressors output `variable` float [N, 1]; sklearn classifiers output `output_label`
  int64 [N] and `output_probability`: a ZipMap seq(map(int64, float)) when zipmap=True (skl2onnx's
  default, which onnxruntime-web cannot read), else a float tensor [N, 2].
- xgboost outputs `variable` (regression) or `label` + `probabilities` (binary), like onnxmltools.
- Binary classifiers only, with classes 0 and 1 (train on 0/1 targets; the model card names them).
- Tree thresholds: sklearn compares float32 inputs with float64 thresholds, so each threshold is
  written as the largest float32 not above it (mode BRANCH_LEQ). xgboost compares float32 with
  float32 (x < t), written as is with mode BRANCH_LT, as onnxmltools does.
- Each tree node's training cover goes into `nodes_hitrates` (exact TreeSHAP needs it);
  metadata_props say so (`crossexam.cover=nodes_hitrates`) and list the feature names.
- A StandardScaler in front of a logistic regression or MLP (sklearn Pipeline) becomes Sub/Div
  nodes (plus an Add that restores the float32 rounding of the mean). Linear regressors fold
  any scalers into one affine map summed in double (Cast/MatMul/Add/Cast): raw offsets such as
  years, and predictions near zero, lose ~1e-5 in float32. LinearClassifier and MLPs are float32.
Self-check of every supported estimator kind: data/scripts/check_exporter.py.
"""
import json
import math

import numpy as np
from onnx import TensorProto, TypeProto, checker, helper, numpy_helper

ML = "ai.onnx.ml"
OPSETS = [helper.make_opsetid("", 15), helper.make_opsetid(ML, 3)]
IR_VERSION = 8
PRODUCER = "crossexam data/scripts/onnx_export.py"


# ---------- shared pieces ----------

def _f32_not_above(t):
    """Largest float32 <= t (float64), so `x32 <= result` iff `x32 <= t` for every float32 x."""
    t32 = np.float32(t)
    if float(t32) > float(t):
        t32 = np.nextafter(t32, np.float32(-np.inf))
    return float(t32)


def _input(p):
    return helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, p])


def _zipmap_type():
    # onnx 1.12 has no make_map_type_proto: build map(int64, tensor(float)) by hand
    mapping = TypeProto()
    mapping.map_type.key_type = TensorProto.INT64
    mapping.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, None))
    return helper.make_sequence_type_proto(mapping)


def _classifier_outputs(nodes, prob_name, zipmap, label="output_label", prob="output_probability"):
    """Finishes a classifier graph whose label is in `label` and probabilities [N,2] in `prob_name`."""
    outputs = [helper.make_tensor_value_info(label, TensorProto.INT64, [None])]
    if zipmap:
        nodes.append(helper.make_node("ZipMap", [prob_name], [prob], name="ZipMap",
                                      domain=ML, classlabels_int64s=[0, 1]))
        outputs.append(helper.make_value_info(prob, _zipmap_type()))
    else:
        nodes.append(helper.make_node("Identity", [prob_name], [prob], name="probability"))
        outputs.append(helper.make_tensor_value_info(prob, TensorProto.FLOAT, [None, 2]))
    return outputs


def _model(nodes, outputs, feature_names, initializers=(), name="crossexam", meta=None):
    graph = helper.make_graph(nodes, name, [_input(len(feature_names))], outputs,
                              initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=OPSETS, producer_name=PRODUCER,
                              producer_version="1")
    model.ir_version = IR_VERSION
    props = {"crossexam.features": json.dumps(list(feature_names))}
    props.update(meta or {})
    helper.set_model_props(model, props)
    checker.check_model(model)
    return model


def _const(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def _unwrap(model):
    """(scaler or None, estimator) from an estimator or a Pipeline([StandardScaler, estimator])."""
    steps = getattr(model, "steps", None)
    if steps is None:
        return None, model
    if len(steps) != 2 or type(steps[0][1]).__name__ != "StandardScaler":
        raise ValueError("only Pipeline([StandardScaler, estimator]) is supported, got "
                         + ", ".join(type(s).__name__ for _, s in steps))
    return steps[0][1], steps[1][1]


def _unwrap_target(model):
    """(estimator, y_mean, y_scale) from an estimator or a TransformedTargetRegressor whose
    transformer is a StandardScaler (how an MLP regressor learns a target in dollars)."""
    if type(model).__name__ != "TransformedTargetRegressor":
        return model, None, None
    t = model.transformer_
    if type(t).__name__ != "StandardScaler":
        raise ValueError("TransformedTargetRegressor: only a StandardScaler transformer is supported")
    mean = float(t.mean_[0]) if t.with_mean else 0.0
    scale = float(t.scale_[0]) if t.with_std else 1.0
    return model.regressor_, mean, scale


def _unscaled_output(nodes, inits, h, y_mean, y_scale):
    """Mul/Add nodes undoing a target StandardScaler; returns the name of the output tensor."""
    if y_mean is None:
        return h
    inits += [_const("target_scale", [y_scale]), _const("target_mean", [y_mean])]
    nodes += [helper.make_node("Mul", [h, "target_scale"], ["target_scaled"], name="target_mul"),
              helper.make_node("Add", ["target_scaled", "target_mean"], ["target"], name="target_add")]
    return "target"


def _scaled_input(scaler, nodes, inits):
    """Sub/Div/Add nodes applying a fitted StandardScaler; returns the name of the scaled tensor.

    The mean is rounded to float32 for the Sub (exact when x is near it), and the rounding error,
    (mean32 - mean) / scale, is added back afterwards: without it a column like a year (~2000,
    sd 30) loses ~1e-6 of its standardised value, and a column with a large offset far more.
    """
    if scaler is None:
        return "float_input"
    mean = scaler.mean_ if scaler.with_mean else np.zeros_like(scaler.scale_)
    scale = scaler.scale_ if scaler.with_std else np.ones_like(mean)
    mean32 = mean.astype(np.float32).astype(np.float64)
    inits += [_const("scaler_mean", mean32[None, :]), _const("scaler_scale", scale[None, :]),
              _const("scaler_correction", ((mean32 - mean) / scale)[None, :])]
    nodes += [helper.make_node("Sub", ["float_input", "scaler_mean"], ["centred"], name="scaler_sub"),
              helper.make_node("Div", ["centred", "scaler_scale"], ["divided"], name="scaler_div"),
              helper.make_node("Add", ["divided", "scaler_correction"], ["scaled"], name="scaler_correct")]
    return "scaled"


def _check_binary(est):
    classes = list(getattr(est, "classes_", []))
    if [int(c) for c in classes] != [0, 1]:
        raise ValueError(f"{type(est).__name__}: classes must be [0, 1] (encode the target first), "
                         f"got {classes}")


# ---------- trees ----------

class _Trees:
    """Accumulates tree-ensemble attributes, one node at a time."""

    def __init__(self):
        self.n = {k: [] for k in ("treeids", "nodeids", "featureids", "values", "modes",
                                  "truenodeids", "falsenodeids", "missing_value_tracks_true",
                                  "hitrates")}
        self.leaf = {k: [] for k in ("treeids", "nodeids", "ids", "weights")}

    def branch(self, tree, node, feature, threshold, mode, yes, no, missing_true, cover):
        self._node(tree, node, feature, threshold, mode, yes, no, missing_true, cover)

    def leaf_node(self, tree, node, cover, weights):
        """weights: [(target or class id, weight), ...]"""
        self._node(tree, node, 0, 0.0, "LEAF", 0, 0, 0, cover)
        for target, w in weights:
            for k, v in zip(("treeids", "nodeids", "ids", "weights"), (tree, node, target, float(w))):
                self.leaf[k].append(v)

    def _node(self, *values):
        keys = ("treeids", "nodeids", "featureids", "values", "modes", "truenodeids",
                "falsenodeids", "missing_value_tracks_true", "hitrates")
        for k, v in zip(keys, values):
            self.n[k].append(v)

    def attributes(self, leaf_prefix):
        attrs = {"nodes_" + k: v for k, v in self.n.items()}
        attrs["nodes_hitrates"] = [float(c) for c in self.n["hitrates"]]
        attrs["nodes_values"] = [float(v) for v in self.n["values"]]
        attrs[leaf_prefix + "_treeids"] = self.leaf["treeids"]
        attrs[leaf_prefix + "_nodeids"] = self.leaf["nodeids"]
        attrs[leaf_prefix + "_ids"] = self.leaf["ids"]
        attrs[leaf_prefix + "_weights"] = self.leaf["weights"]
        return attrs


def _add_sklearn_tree(acc, tree_id, tree, leaf_weights):
    t = tree.tree_
    for i in range(t.node_count):
        cover = float(t.weighted_n_node_samples[i])
        if t.children_left[i] == -1:
            acc.leaf_node(tree_id, i, cover, leaf_weights(t.value[i]))
        else:
            acc.branch(tree_id, i, int(t.feature[i]), _f32_not_above(t.threshold[i]), "BRANCH_LEQ",
                       int(t.children_left[i]), int(t.children_right[i]), 0, cover)


def _sklearn_trees(model):
    """[(tree, scale)] and (kind, base) for a fitted sklearn tree model."""
    name = type(model).__name__
    if name.startswith("DecisionTree"):
        return [model], 1.0, 0.0, "single"
    if name.startswith(("RandomForest", "ExtraTrees")):
        return list(model.estimators_), 1.0 / len(model.estimators_), 0.0, "average"
    if name.startswith("GradientBoosting"):
        if model.estimators_.shape[1] != 1:
            raise ValueError(f"{name}: only regression and binary classification are supported")
        if model.init_ == "zero":
            base = 0.0
        else:
            base = float(model._raw_predict_init(np.zeros((1, model.n_features_in_)))[0, 0])
        return list(model.estimators_[:, 0]), float(model.learning_rate), base, "boosting"
    raise ValueError(f"tree_ensemble_to_onnx does not know {name}")


def tree_ensemble_to_onnx(model, feature_names, *, zipmap=True):
    """sklearn DecisionTree / RandomForest / ExtraTrees / GradientBoosting, regressor or binary classifier."""
    trees, scale, base, kind = _sklearn_trees(model)
    is_classifier = hasattr(model, "classes_")
    acc = _Trees()
    if not is_classifier:
        for k, tree in enumerate(trees):
            _add_sklearn_tree(acc, k, tree, lambda v: [(0, scale * v[0][0])])
        node = helper.make_node("TreeEnsembleRegressor", ["float_input"], ["variable"],
                                name="TreeEnsembleRegressor", domain=ML, n_targets=1,
                                aggregate_function="SUM", base_values=[base], post_transform="NONE",
                                **acc.attributes("target"))
        outputs = [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])]
        return _model([node], outputs, feature_names, meta=_tree_meta(model))
    _check_binary(model)
    if kind == "boosting":
        # one raw score per tree (log-odds of class 1): class id 0 only + LOGISTIC, like skl2onnx
        for k, tree in enumerate(trees):
            _add_sklearn_tree(acc, k, tree, lambda v: [(0, scale * v[0][0])])
        extra = dict(base_values=[base], post_transform="LOGISTIC")
    else:
        def weights(v):
            p = v[0] / v[0].sum()
            return [(0, scale * p[0]), (1, scale * p[1])]
        for k, tree in enumerate(trees):
            _add_sklearn_tree(acc, k, tree, weights)
        extra = dict(post_transform="NONE")
    nodes = [helper.make_node("TreeEnsembleClassifier", ["float_input"], ["label", "probabilities"],
                              name="TreeEnsembleClassifier", domain=ML, classlabels_int64s=[0, 1],
                              **extra, **acc.attributes("class"))]
    if kind == "boosting":
        nodes.append(helper.make_node("Identity", ["label"], ["output_label"], name="output_label"))
    else:
        # onnxruntime labels a two-class vote "1" whenever class 1 gets any weight; argmax instead
        nodes.append(helper.make_node("ArgMax", ["probabilities"], ["output_label"], name="argmax",
                                      axis=1, keepdims=0))
    outputs = _classifier_outputs(nodes, "probabilities", zipmap)
    return _model(nodes, outputs, feature_names, meta=_tree_meta(model))


def _tree_meta(model):
    return {"crossexam.cover": "nodes_hitrates", "crossexam.source": type(model).__name__}


# ---------- xgboost ----------

def _xgb_base_margin(booster, objective):
    cfg = json.loads(booster.save_config())
    # "5E-1" in xgboost 1.x/2.x, "[5E-1]" in 3.x
    base = float(str(cfg["learner"]["learner_model_param"]["base_score"]).strip("[]"))
    if objective == "binary:logistic":
        return math.log(base / (1.0 - base))
    if objective == "reg:squarederror":
        return base
    raise ValueError(f"xgboost objective {objective!r} is not supported "
                     "(use reg:squarederror or binary:logistic)")


def _add_xgb_tree(acc, tree_id, node, index_of):
    nid = int(node["nodeid"])
    if "leaf" in node:
        acc.leaf_node(tree_id, nid, node.get("cover", float("nan")), [(0, node["leaf"])])
        return
    acc.branch(tree_id, nid, index_of(node["split"]), float(np.float32(node["split_condition"])),
               "BRANCH_LT", int(node["yes"]), int(node["no"]),
               int(node["missing"] == node["yes"]), node["cover"])
    for child in node["children"]:
        _add_xgb_tree(acc, tree_id, child, index_of)


def xgboost_to_onnx(booster_or_model, feature_names, *, objective):
    """xgboost Booster or XGBRegressor/XGBClassifier (reg:squarederror, binary:logistic), read from its JSON dump."""
    booster = getattr(booster_or_model, "get_booster", lambda: booster_or_model)()
    names = list(feature_names)

    def index_of(split):
        if split in names:
            return names.index(split)
        if split.startswith("f") and split[1:].isdigit():
            return int(split[1:])
        raise ValueError(f"xgboost split on unknown feature {split!r}")

    acc = _Trees()
    for k, dump in enumerate(booster.get_dump(dump_format="json", with_stats=True)):
        _add_xgb_tree(acc, k, json.loads(dump), index_of)
    base = _xgb_base_margin(booster, objective)
    meta = {"crossexam.cover": "nodes_hitrates", "crossexam.source": "xgboost " + objective}
    if objective == "reg:squarederror":
        node = helper.make_node("TreeEnsembleRegressor", ["float_input"], ["variable"],
                                name="TreeEnsembleRegressor", domain=ML, n_targets=1,
                                aggregate_function="SUM", base_values=[base], post_transform="NONE",
                                **acc.attributes("target"))
        outputs = [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])]
        return _model([node], outputs, names, meta=meta)
    node = helper.make_node("TreeEnsembleClassifier", ["float_input"], ["label", "probabilities"],
                            name="TreeEnsembleClassifier", domain=ML, classlabels_int64s=[0, 1],
                            base_values=[base], post_transform="LOGISTIC",
                            **acc.attributes("class"))
    outputs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
               helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])]
    return _model([node], outputs, names, meta=meta)


# ---------- linear ----------

def linear_to_onnx(model, feature_names, *, zipmap=True):
    """LinearRegression / Ridge (Cast + MatMul + Add in double) or binary LogisticRegression
    (ai.onnx.ml LinearClassifier, float32),
    optionally behind a StandardScaler in a Pipeline, optionally inside a TransformedTargetRegressor."""
    inner, y_mean, y_scale = _unwrap_target(model)
    scaler, est = _unwrap(inner)
    coef = np.asarray(est.coef_, dtype=np.float64).reshape(-1)
    intercept = float(np.asarray(est.intercept_).reshape(-1)[0])
    meta = {"crossexam.source": type(est).__name__}
    nodes, inits = [], []
    if not hasattr(est, "classes_"):
        # Scalers of inputs and target are folded into one affine map summed in double: in float32,
        # raw offsets (years ~2000) and near-zero predictions of large sums lose ~1e-5.
        if scaler is not None:
            mean = scaler.mean_ if scaler.with_mean else np.zeros_like(coef)
            scale = scaler.scale_ if scaler.with_std else np.ones_like(coef)
            coef, intercept = coef / scale, intercept - float(np.sum(coef * mean / scale))
        if y_mean is not None:
            coef, intercept = coef * y_scale, intercept * y_scale + y_mean
        inits += [numpy_helper.from_array(coef[:, None].astype(np.float64), "coef"),
                  numpy_helper.from_array(np.array([intercept], dtype=np.float64), "intercept")]
        nodes += [helper.make_node("Cast", ["float_input"], ["input_double"], name="to_double",
                                   to=TensorProto.DOUBLE),
                  helper.make_node("MatMul", ["input_double", "coef"], ["linear"], name="MatMul"),
                  helper.make_node("Add", ["linear", "intercept"], ["raw_double"], name="Add"),
                  helper.make_node("Cast", ["raw_double"], ["variable"], name="to_float",
                                   to=TensorProto.FLOAT)]
        outputs = [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])]
        return _model(nodes, outputs, feature_names, inits, meta=meta)
    x = _scaled_input(scaler, nodes, inits)
    _check_binary(est)
    # two rows (-w, w) and LOGISTIC give [1 - p, p], as skl2onnx writes binary logistic regression
    nodes.append(helper.make_node("LinearClassifier", [x], ["output_label", "probabilities"],
                                  name="LinearClassifier", domain=ML, classlabels_ints=[0, 1],
                                  coefficients=[float(v) for v in np.concatenate([-coef, coef])],
                                  intercepts=[-intercept, intercept], multi_class=0,
                                  post_transform="LOGISTIC"))
    outputs = _classifier_outputs(nodes, "probabilities", zipmap)
    return _model(nodes, outputs, feature_names, inits, meta=meta)


# ---------- MLP ----------

_ACTIVATIONS = {"relu": "Relu", "tanh": "Tanh", "logistic": "Sigmoid", "identity": "Identity"}


def mlp_to_onnx(model, feature_names, *, zipmap=True):
    """MLPRegressor / binary MLPClassifier as Gemm layers, optionally behind a StandardScaler
    (Pipeline), a regressor optionally inside a TransformedTargetRegressor(StandardScaler)."""
    inner, y_mean, y_scale = _unwrap_target(model)
    scaler, est = _unwrap(inner)
    nodes, inits = [], []
    h = _scaled_input(scaler, nodes, inits)
    last = len(est.coefs_) - 1
    for i, (w, b) in enumerate(zip(est.coefs_, est.intercepts_)):
        inits += [_const(f"W{i}", w), _const(f"B{i}", b)]
        nodes.append(helper.make_node("Gemm", [h, f"W{i}", f"B{i}"], [f"gemm{i}"], name=f"Gemm{i}"))
        h = f"gemm{i}"
        if i < last:
            nodes.append(helper.make_node(_ACTIVATIONS[est.activation], [h], [f"act{i}"], name=f"act{i}"))
            h = f"act{i}"
    meta = {"crossexam.source": type(est).__name__}
    if not hasattr(est, "classes_"):
        out = _unscaled_output(nodes, inits, h, y_mean, y_scale)
        nodes.append(helper.make_node("Identity", [out], ["variable"], name="output"))
        outputs = [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])]
        return _model(nodes, outputs, feature_names, inits, meta=meta)
    _check_binary(est)
    if est.out_activation_ != "logistic":
        raise ValueError(f"MLPClassifier output {est.out_activation_!r}: only binary (logistic) is supported")
    inits.append(_const("one", [1.0]))
    nodes += [helper.make_node("Sigmoid", [h], ["p1"], name="sigmoid"),
              helper.make_node("Sub", ["one", "p1"], ["p0"], name="one_minus"),
              helper.make_node("Concat", ["p0", "p1"], ["probabilities"], name="concat", axis=1),
              helper.make_node("ArgMax", ["probabilities"], ["output_label"], name="argmax",
                               axis=1, keepdims=0)]
    outputs = _classifier_outputs(nodes, "probabilities", zipmap)
    return _model(nodes, outputs, feature_names, inits, meta=meta)
