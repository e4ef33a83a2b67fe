// Checks exported ONNX files in onnxruntime-web (Node) against the goldens written by sklearn/xgboost.
// Usage (from the repository root): node data/scripts/verify_onnx.mjs MANIFEST.json
// MANIFEST: [{name, onnx, golden, output, column, file, label}]; `onnx` may be a ZipMap-free twin of
// `file` (onnxruntime-web cannot read ZipMap outputs), then `file` is only checked for its labels.
import * as ort from "onnxruntime-web";
import { readFileSync } from "node:fs";

const TOLERANCE = 1e-5; // relative to max(1, |score|)
const manifest = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failed = 0;

async function run(path, inputs, fetches) {
  const session = await ort.InferenceSession.create(readFileSync(path));
  const p = inputs[0].length;
  const flat = Float32Array.from(inputs.flat().map((v) => (v === null ? NaN : v)));
  const feeds = { float_input: new ort.Tensor("float32", flat, [inputs.length, p]) };
  return session.run(feeds, fetches);
}

for (const m of manifest) {
  const golden = JSON.parse(readFileSync(m.golden, "utf8"));
  const problems = [];
  try {
    const out = (await run(m.onnx, golden.inputs, [m.output]))[m.output];
    const width = out.dims.length > 1 ? out.dims[1] : 1;
    let worst = 0;
    golden.scores.forEach((want, i) => {
      const got = Number(out.data[i * width + m.column]);
      const err = Math.abs(got - want) / Math.max(1, Math.abs(want));
      worst = Math.max(worst, err);
      if (!(err <= TOLERANCE)) problems.push(`row ${golden.rows[i]}: onnx ${got} vs reference ${want}`);
    });
    if (m.label && golden.labels) {
      const labels = (await run(m.file, golden.inputs, [m.label]))[m.label];
      golden.labels.forEach((want, i) => {
        const nearHalf = Math.abs(golden.scores[i] - 0.5) < 1e-6;
        if (Number(labels.data[i]) !== want && !nearHalf)
          problems.push(`row ${golden.rows[i]}: label ${labels.data[i]} vs reference ${want}`);
      });
    }
    console.log(`${problems.length ? "FAIL" : "ok  "} ${m.name.padEnd(34)} max rel. error ${worst.toExponential(2)}`);
  } catch (e) {
    problems.push(String(e.message ?? e));
    console.log(`FAIL ${m.name}: ${problems.at(-1)}`);
  }
  if (problems.length) {
    failed++;
    for (const p of problems.slice(0, 5)) console.log("     " + p);
  }
}
console.log(`${manifest.length - failed}/${manifest.length} models match their goldens`);
process.exit(failed ? 1 : 0);
