// Reading an ONNX file's graph (inputs, outputs, opsets, metadata, node attributes) and
// rewriting ZipMap outputs into plain probability tensors, which onnxruntime-web can return.
// The rewrite splices bytes: only the nodes and outputs it changes are re-encoded, so fields
// outside our schema subset (initializers' extra fields, functions, training info) survive intact.
import protobuf from "protobufjs/light.js";
import {
  ELEM_TYPES, FLOAT, ModelProto, NodeProto, ValueInfoProto, toNum,
  type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor, type OnnxTypeProto,
} from "./onnx-schema";

/** A problem with the ONNX file itself (corrupt, truncated, not a model, unsupported content). */
export class OnnxFormatError extends Error {
  override name = "OnnxFormatError";
}

/** Decode an ONNX ModelProto, turning protobuf failures into messages that say what is wrong and where. */
export function decodeModel(bytes: Uint8Array): OnnxModel {
  let model: OnnxModel;
  try {
    model = ModelProto.decode(bytes) as unknown as OnnxModel;
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    // the top-level scan names the field that runs past the end; nested decoders do not say
    const range = /index out of range: (\d+) \+ (\d+) > (\d+)/.exec(msg) ?? scanForTruncation(bytes);
    if (range || msg.startsWith("index out of range")) {
      const [, at, need] = range ? range.map(Number) : [0, NaN, NaN];
      const where = range ? `a field starting at byte ${at} is ${need} bytes long but ` : "";
      throw new OnnxFormatError(
        `truncated ONNX file: ${where}the file ends at byte ${bytes.length} (was the download or copy cut short?)`,
      );
    }
    const wire = /invalid wire type (\d+) at offset (\d+)/.exec(msg);
    if (wire) throw new OnnxFormatError(`corrupt ONNX file (protobuf decode failed at byte ${wire[2]}: invalid wire type ${wire[1]})`);
    throw new OnnxFormatError(`corrupt ONNX file (protobuf decode failed: ${msg})`);
  }
  if (!model.graph || (model.graph.node.length === 0 && model.graph.output.length === 0)) {
    throw new OnnxFormatError(`not an ONNX model: ${bytes.length} bytes decoded but no graph was found`);
  }
  return model;
}

function scanForTruncation(bytes: Uint8Array): RegExpExecArray | null {
  try {
    fields(bytes);
    return null;
  } catch (e) {
    return /index out of range: (\d+) \+ (\d+) > (\d+)/.exec(String((e as Error).message));
  }
}

export interface ValueDescription {
  name: string;
  /** float32, int64, string, … for tensors; e.g. `seq(map(int64,float32))` otherwise */
  type: string;
  /** dimensions: numbers when fixed, names (e.g. "N") or null when free; empty when not a tensor */
  shape: (number | string | null)[];
  isTensor: boolean;
}

function typeName(t: OnnxTypeProto | undefined): string {
  if (!t) return "unknown";
  if (t.tensor_type) return ELEM_TYPES[t.tensor_type.elem_type ?? 0] ?? `type${t.tensor_type.elem_type}`;
  if (t.sequence_type) return `seq(${typeName(t.sequence_type.elem_type)})`;
  if (t.map_type) return `map(${ELEM_TYPES[t.map_type.key_type ?? 0] ?? t.map_type.key_type},${typeName(t.map_type.value_type)})`;
  if (t.optional_type) return `optional(${typeName(t.optional_type.elem_type)})`;
  return "unknown";
}

function describeValue(v: { name?: string; type?: OnnxTypeProto }): ValueDescription {
  const tensor = v.type?.tensor_type;
  const shape = tensor?.shape?.dim.map((d) =>
    d.dim_value != null && toNum(d.dim_value) > 0 ? toNum(d.dim_value) : d.dim_param ? d.dim_param : null,
  ) ?? [];
  return { name: v.name ?? "", type: typeName(v.type), shape, isTensor: !!tensor };
}

/** The model's real inputs (old files also list initializers as inputs: those are left out). */
export function graphInputs(model: OnnxModel): ValueDescription[] {
  const init = new Set(model.graph!.initializer.map((t) => t.name));
  return model.graph!.input.filter((v) => !init.has(v.name)).map(describeValue);
}

export function graphOutputs(model: OnnxModel): ValueDescription[] {
  return model.graph!.output.map(describeValue);
}

/** Opset version per domain ("" is the default ONNX domain). */
export function opsets(model: OnnxModel): Record<string, number> {
  return Object.fromEntries(model.opset_import.map((o) => [o.domain ?? "", toNum(o.version)]));
}

export function metadata(model: OnnxModel): Record<string, string> {
  return Object.fromEntries(model.metadata_props.map((p) => [p.key ?? "", p.value ?? ""]));
}

/** Feature names the file lists: `feature_names` (comma-separated) or `crossexam.features` (a JSON array). */
export function fileFeatureNames(meta: Record<string, string>): string[] | undefined {
  if (meta["crossexam.features"]) {
    try {
      const names = JSON.parse(meta["crossexam.features"]);
      if (Array.isArray(names) && names.every((n) => typeof n === "string")) return names;
    } catch { /* not JSON: fall through to feature_names */ }
  }
  return meta.feature_names?.split(",").map((s) => s.trim()).filter(Boolean);
}

const utf8 = new TextDecoder();

/** Numbers held in a TensorProto (float, double, int32, int64; raw or typed fields). */
export function tensorValues(t: OnnxTensor): number[] {
  const raw = t.raw_data;
  if (raw && raw.length) {
    const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
    switch (t.data_type) {
      case 1: return Array.from(new Float32Array(buf));
      case 11: return Array.from(new Float64Array(buf));
      case 6: return Array.from(new Int32Array(buf));
      case 7: return Array.from(new BigInt64Array(buf), Number);
      default: throw new OnnxFormatError(`tensor \`${t.name ?? ""}\` of type ${ELEM_TYPES[t.data_type ?? 0]} cannot be read as numbers`);
    }
  }
  if (t.double_data.length) return t.double_data.slice();
  if (t.float_data.length) return t.float_data.slice();
  if (t.int64_data.length) return t.int64_data.map(toNum);
  return t.int32_data.slice();
}

/** An attribute's value as plain JS: number, string, number[], string[] (tensors as number[]). */
export function attributeValue(a: OnnxAttribute): number | string | number[] | string[] | undefined {
  switch (a.type) {
    case 1: return a.f;
    case 2: return toNum(a.i);
    case 3: return a.s ? utf8.decode(a.s) : "";
    case 4: return a.t ? tensorValues(a.t) : [];
    case 6: return a.floats.slice();
    case 7: return a.ints.map(toNum);
    case 8: return a.strings.map((s) => utf8.decode(s));
  }
  // files that leave `type` unset: guess from what is filled in
  if (a.floats.length) return a.floats.slice();
  if (a.ints.length) return a.ints.map(toNum);
  if (a.strings.length) return a.strings.map((s) => utf8.decode(s));
  if (a.s?.length) return utf8.decode(a.s);
  if (a.t) return tensorValues(a.t);
  if (a.i != null && toNum(a.i) !== 0) return toNum(a.i);
  return a.f;
}

/** All attributes of a node by name. */
export function attributes(node: OnnxNode): Record<string, ReturnType<typeof attributeValue>> {
  return Object.fromEntries(node.attribute.map((a) => [a.name ?? "", attributeValue(a)]));
}

/** Class labels a node declares (ZipMap, tree/linear/SVM classifiers), or undefined. */
export function classLabels(node: OnnxNode): (string | number)[] | undefined {
  const at = attributes(node);
  for (const key of ["classlabels_strings", "classlabels_int64s", "classlabels_ints"]) {
    const v = at[key];
    if (Array.isArray(v) && v.length) return v;
  }
  return undefined;
}

export interface ZipMapRewrite {
  bytes: Uint8Array;
  /** one entry per ZipMap replaced: the output kept its name and now holds an [N, classes] float tensor */
  replaced: { output: string; input: string; classes: (string | number)[] }[];
}

// one protobuf field: its number, wire type, where it starts and ends, and where its payload starts
interface Field { id: number; wire: number; start: number; end: number; payload: number }

function fields(bytes: Uint8Array): Field[] {
  const r = protobuf.Reader.create(bytes);
  const out: Field[] = [];
  while (r.pos < r.len) {
    const start = r.pos;
    const tag = r.uint32();
    const wire = tag & 7;
    let payload = r.pos;
    if (wire === 2) {
      const len = r.uint32();
      payload = r.pos;
      r.skip(len);
    } else r.skipType(wire);
    out.push({ id: tag >>> 3, wire, start, end: r.pos, payload });
  }
  return out;
}

function lengthDelimited(id: number, payload: Uint8Array): Uint8Array {
  return protobuf.Writer.create().uint32((id << 3) | 2).bytes(payload).finish();
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const GRAPH = 7, NODE = 1, OUTPUT = 12, VALUE_INFO = 13;

/**
 * Replace every ZipMap node by an Identity of its probability tensor, keeping the output's name,
 * and declare that output as a float tensor [N, classes]. Returns the input bytes when there is no ZipMap.
 */
export function rewriteZipMap(bytes: Uint8Array, model: OnnxModel = decodeModel(bytes)): ZipMapRewrite {
  const zipmaps = model.graph!.node.filter((n) => n.op_type === "ZipMap");
  if (zipmaps.length === 0) return { bytes, replaced: [] };
  const replaced = zipmaps.map((z) => ({ output: z.output[0], input: z.input[0], classes: classLabels(z) ?? [] }));
  const byOutput = new Map(replaced.map((r) => [r.output, r]));

  const top = fields(bytes);
  const parts: Uint8Array[] = [];
  for (const f of top) {
    if (f.id !== GRAPH || f.wire !== 2) { parts.push(bytes.subarray(f.start, f.end)); continue; }
    const graph = bytes.subarray(f.payload, f.end);
    const graphParts: Uint8Array[] = [];
    // node fields come in graph.node order, so the decoded model tells which are ZipMaps (no re-decoding of big tree nodes)
    let nodeIndex = 0;
    for (const g of fields(graph)) {
      const raw = graph.subarray(g.start, g.end);
      const payload = graph.subarray(g.payload, g.end);
      if (g.id === NODE) {
        const node = model.graph!.node[nodeIndex++];
        const r = node?.op_type === "ZipMap" ? byOutput.get(node.output[0]) : undefined;
        if (!r) { graphParts.push(raw); continue; }
        const identity = NodeProto.encode(NodeProto.fromObject({
          input: [r.input], output: [r.output], name: `${node.name || r.output}_without_zipmap`, op_type: "Identity",
        })).finish();
        graphParts.push(lengthDelimited(NODE, identity));
      } else if (g.id === OUTPUT || g.id === VALUE_INFO) {
        const vi = ValueInfoProto.decode(payload) as unknown as { name?: string };
        const r = byOutput.get(vi.name ?? "");
        if (!r) { graphParts.push(raw); continue; }
        if (g.id === VALUE_INFO) continue; // its old sequence type would contradict the new tensor
        const dims = [{ dim_param: "N" }, r.classes.length ? { dim_value: r.classes.length } : { dim_param: "classes" }];
        const out = ValueInfoProto.encode(ValueInfoProto.fromObject({
          name: r.output, type: { tensor_type: { elem_type: FLOAT, shape: { dim: dims } } },
        })).finish();
        graphParts.push(lengthDelimited(OUTPUT, out));
      } else graphParts.push(raw);
    }
    parts.push(lengthDelimited(GRAPH, concatBytes(graphParts)));
  }
  return { bytes: concatBytes(parts), replaced };
}
