// Test files made by editing a committed ONNX file: decoded, changed, and re-encoded with crossexam's own
// schema subset (enough for describing and for refusals that happen before a session is created).
import { readFileSync } from "node:fs";
import { decodeModel } from "../../src/model/onnx-graph";
import { ModelProto, type OnnxModel } from "../../src/model/onnx-schema";

export function editedModel(path: string, edit: (model: OnnxModel) => void): Uint8Array {
  const model = decodeModel(new Uint8Array(readFileSync(path)));
  edit(model);
  return ModelProto.encode(ModelProto.fromObject(model as unknown as Record<string, unknown>)).finish();
}

/** skl2onnx's fault from FACTS.md: the TreeEnsembleRegressor's output declared double (float64, elem_type 11). */
export function doubleOutputRegressor(path: string): Uint8Array {
  return editedModel(path, (m) => {
    const tree = m.graph!.node.find((n) => n.op_type === "TreeEnsembleRegressor")!;
    const out = m.graph!.output.find((o) => o.name === tree.output[0])!;
    out.type!.tensor_type!.elem_type = 11;
  });
}
