import { loadTable, toBatch } from "../src/data/index";
import { takeRows } from "../src/explain/index";
import { loadModel } from "../src/model/index";
const gbm = await loadModel(`bench/fixtures/ames10-gbm.onnx`, { name: "g", numThreads: 1 });
const { table, schema } = await loadTable(`data/ames.csv`);
const data = takeRows(toBatch(table, [...gbm.features], schema), Int32Array.from({ length: 1000 }, (_, i) => i));
const eng = (await gbm.treeEngine()).engine!;
const L = eng.layout; const x = eng.encode(data); const n = 1000, p = 10;
const { feature, threshold, yes, no, miss, roots, nTrees: T } = L;
let cand = 0, pass = 0;
const paths = new Int32Array(T * n);
for (let r = 0; r < n; r++) for (let t = 0; t < T; t++) { let i = roots[t], m = 0; for (let f = feature[i]; f >= 0; f = feature[i]) { m |= 1 << f; const v = x[r*p+f]; i = v < threshold[i] ? yes[i] : v === v ? no[i] : miss[i]; } paths[t*n+r] = m; }
for (let j = 0; j < p; j++) for (const t of L.treesUsing[j]) for (let r = 0; r < n; r++) { cand++; if (paths[t*n+r] & (1<<j)) pass++; }
console.log({ cand, pass, perRepeat: pass, total10: pass * 10 });
