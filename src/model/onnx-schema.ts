// The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, proto2, Apache-2.0)
// that crossexam reads, as a protobufjs JSON descriptor. Field numbers are the spec's; fields not
// listed here are skipped when decoding (we never re-encode a whole model, see onnx-graph.ts).
import protobuf from "protobufjs/light.js";

const descriptor = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: { type: "int64", id: 1 },
            opset_import: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
            producer_name: { type: "string", id: 2 },
            producer_version: { type: "string", id: 3 },
            domain: { type: "string", id: 4 },
            model_version: { type: "int64", id: 5 },
            doc_string: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 },
            metadata_props: { rule: "repeated", type: "StringStringEntryProto", id: 14 },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: "string", id: 1 }, version: { type: "int64", id: 2 } },
        },
        StringStringEntryProto: {
          fields: { key: { type: "string", id: 1 }, value: { type: "string", id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            doc_string: { type: "string", id: 10 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
            value_info: { rule: "repeated", type: "ValueInfoProto", id: 13 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            op_type: { type: "string", id: 4 },
            domain: { type: "string", id: 7 },
            attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
            doc_string: { type: "string", id: 6 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: "string", id: 1 },
            type: { type: "int32", id: 20 },
            f: { type: "float", id: 2 },
            i: { type: "int64", id: 3 },
            s: { type: "bytes", id: 4 },
            t: { type: "TensorProto", id: 5 },
            g: { type: "GraphProto", id: 6 },
            floats: { rule: "repeated", type: "float", id: 7 },
            ints: { rule: "repeated", type: "int64", id: 8 },
            strings: { rule: "repeated", type: "bytes", id: 9 },
            tensors: { rule: "repeated", type: "TensorProto", id: 10 },
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: "string", id: 1 },
            type: { type: "TypeProto", id: 2 },
            doc_string: { type: "string", id: 3 },
          },
        },
        TypeProto: {
          fields: {
            tensor_type: { type: "Tensor", id: 1 },
            sequence_type: { type: "Sequence", id: 4 },
            map_type: { type: "Map", id: 5 },
            optional_type: { type: "Optional", id: 9 },
            denotation: { type: "string", id: 6 },
          },
          nested: {
            Tensor: { fields: { elem_type: { type: "int32", id: 1 }, shape: { type: "TensorShapeProto", id: 2 } } },
            Sequence: { fields: { elem_type: { type: "TypeProto", id: 1 } } },
            Map: { fields: { key_type: { type: "int32", id: 1 }, value_type: { type: "TypeProto", id: 2 } } },
            Optional: { fields: { elem_type: { type: "TypeProto", id: 1 } } },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } },
          nested: {
            Dimension: {
              fields: {
                dim_value: { type: "int64", id: 1 },
                dim_param: { type: "string", id: 2 },
                denotation: { type: "string", id: 3 },
              },
            },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 },
            data_type: { type: "int32", id: 2 },
            float_data: { rule: "repeated", type: "float", id: 4 },
            int32_data: { rule: "repeated", type: "int32", id: 5 },
            string_data: { rule: "repeated", type: "bytes", id: 6 },
            int64_data: { rule: "repeated", type: "int64", id: 7 },
            name: { type: "string", id: 8 },
            raw_data: { type: "bytes", id: 9 },
            double_data: { rule: "repeated", type: "double", id: 10 },
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);
export const ModelProto = root.lookupType("onnx.ModelProto");
export const NodeProto = root.lookupType("onnx.NodeProto");
export const ValueInfoProto = root.lookupType("onnx.ValueInfoProto");
export const GraphProto = root.lookupType("onnx.GraphProto");

/** ONNX TensorProto.DataType codes we name (others are reported by number). */
export const ELEM_TYPES: Record<number, string> = {
  1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64", 8: "string",
  9: "bool", 10: "float16", 11: "float64", 12: "uint32", 13: "uint64",
};
export const FLOAT = 1;

// Plain shapes of the decoded messages (only what we read). int64 fields may arrive as Long objects.
export type Int64 = number | { low: number; high: number; unsigned?: boolean; toNumber(): number };
export interface OnnxModel {
  ir_version?: Int64;
  opset_import: { domain?: string; version?: Int64 }[];
  producer_name?: string;
  producer_version?: string;
  doc_string?: string;
  graph?: OnnxGraph;
  metadata_props: { key?: string; value?: string }[];
}
export interface OnnxGraph {
  node: OnnxNode[];
  name?: string;
  initializer: OnnxTensor[];
  input: OnnxValueInfo[];
  output: OnnxValueInfo[];
}
export interface OnnxNode {
  input: string[];
  output: string[];
  name?: string;
  op_type?: string;
  domain?: string;
  attribute: OnnxAttribute[];
}
export interface OnnxAttribute {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: OnnxTensor;
  floats: number[];
  ints: Int64[];
  strings: Uint8Array[];
}
export interface OnnxTensor {
  dims: Int64[];
  data_type?: number;
  float_data: number[];
  int32_data: number[];
  int64_data: Int64[];
  double_data: number[];
  string_data: Uint8Array[];
  raw_data?: Uint8Array;
  name?: string;
}
export interface OnnxTypeProto {
  tensor_type?: { elem_type?: number; shape?: { dim: { dim_value?: Int64; dim_param?: string }[] } };
  sequence_type?: { elem_type?: OnnxTypeProto };
  map_type?: { key_type?: number; value_type?: OnnxTypeProto };
  optional_type?: { elem_type?: OnnxTypeProto };
}
export interface OnnxValueInfo {
  name?: string;
  type?: OnnxTypeProto;
}

/** An int64 field as a JS number (ids and counts in models fit in 2^53). */
export function toNum(x: Int64 | undefined | null): number {
  if (x == null) return 0;
  return typeof x === "number" ? x : x.toNumber();
}
