// Notebook Kit's standard library, offline, as cells see it headless.
import { afterEach, describe, expect, test } from "vitest";
import type { NotebookRuntime } from "../../src/runtime";
import { fileBase } from "../../src/runtime/node-host";
import { HEADLESS_WIDTH } from "../../src/stdlib";
import { errorOf, eventually, js, makeRuntime, status, valueOf } from "../runtime/harness";

let rt: NotebookRuntime;
afterEach(() => rt?.dispose());
const fixtures = fileBase(`${process.cwd()}/test/fixtures/notebook-kit/modules/notebook.html`);

describe("Notebook Kit's builtins", () => {
  test("width is a fixed default headless; now is a time; DOM.uid gives ids and url() references", async () => {
    rt = makeRuntime();
    rt.load([js(1, "width"), js(3, "((id) => [id.id, String(id)])(DOM.uid('clip'))")]);
    expect(await valueOf(rt, 1)).toBe(HEADLESS_WIDTH);
    const [id, ref] = (await valueOf(rt, 3)) as [string, string];
    expect(id).toMatch(/^O-clip-\d+$/);
    expect(ref).toBe(`url(http://localhost/#${id})`);
  });

  test("now ticks: a cell reading it re-runs with later times", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const t = now;")]);
    // waits on the runs themselves (a loaded machine may need longer than any fixed delay), 10 s at most
    const runs = async (atLeast: number) => {
      for (const deadline = Date.now() + 10_000; rt.state(1)!.runs < atLeast && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 10));
      return rt.state(1)!.runs;
    };
    const first = await runs(1);
    expect(await runs(first + 1)).toBeGreaterThan(first);
    expect(Math.abs((await rt.value("t")) as number - Date.now())).toBeLessThan(5_000);
  });

  test("Mutable: assigning .value gives its readers the new value", async () => {
    rt = makeRuntime();
    rt.load([js(1, "const count = Mutable(1); const bump = () => ++count.value;"), js(2, "count * 10")]);
    expect(await valueOf(rt, 2)).toBe(10);
    ((await rt.value("bump")) as () => number)();
    expect(await eventually(rt, 2, 20)).toBe(20);
  });

  test("Generators.observe and queue; Promises.delay", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, "const seen = Generators.queue((notify) => { notify(1); notify(2); });"),
      js(2, "seen"),
      js(3, "await Promises.delay(5, 'late')"),
    ]);
    expect(await eventually(rt, 2, 2)).toBe(2); // the queue's second value, however long the first took
    expect(await valueOf(rt, 3)).toBe("late");
  });

  test("tex renders KaTeX; md renders interpolated tex", async () => {
    rt = makeRuntime();
    rt.load([js(1, "tex`x^2`.classList.contains('katex')"), js(2, "Hello ${tex`\\\\pi`}", "md")]);
    expect(await valueOf(rt, 1)).toBe(true);
    expect(((await valueOf(rt, 2)) as HTMLElement).querySelector(".katex")).not.toBeNull();
  });

  test("sample datasets are bundled and typed; topojson is there", async () => {
    rt = makeRuntime();
    rt.load([js(1, "[penguins.length, typeof penguins[0].body_mass_g, alphabet.length, typeof topojson.feature]")]);
    expect(await valueOf(rt, 1)).toEqual([344, "number", 26, "function"]);
  });

  test("require and npm: imports give installed packages; anything else is 'offline: cannot load'", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, "typeof (await require('d3-geo@2', 'd3-geo-projection@3')).geoBonneRaw"),
      js(2, "import * as Sankey from 'npm:d3-sankey@0.12';\nimport he from 'npm:he';\nconst kinds = [typeof Sankey.sankey, he.encode('©')];"),
      js(3, "kinds"),
      js(4, "require('left-pad')"),
    ]);
    expect(await valueOf(rt, 1)).toBe("function");
    expect(await valueOf(rt, 3)).toEqual(["function", "&#xA9;"]);
    expect(errorOf(rt, 4)).toMatch(/^offline: cannot load left-pad/);
  });

  test("FileAttachment: csv typed and as arrays, json, text, url/href relative to the notebook, image", async () => {
    rt = makeRuntime(fileBase(`${process.cwd()}/test/.artifacts/notebook-kit/docs/ex/d3/notebook.html`));
    rt.load([
      js(1, "const f = FileAttachment('data/alphabet.csv'); const rows = await f.csv({typed: true}); const arrays = await f.csv({array: true, typed: true});"),
      js(2, "[typeof rows[0].frequency, arrays[0], arrays.length, f.name, f.href.endsWith('/docs/ex/data/alphabet.csv') || f.href.endsWith('/d3/data/alphabet.csv')]"),
      js(3, "(await FileAttachment('data/sea-ice.jpg').image()).src.slice(0, 16)"),
    ]);
    const { corpus } = await import("../notebook-kit/corpus");
    corpus();
    const [kind, header, n, name, relative] = (await valueOf(rt, 2)) as [string, unknown[], number, string, boolean];
    expect([kind, header, n, name, relative]).toEqual(["number", ["letter", "frequency"], 27, "alphabet.csv", true]);
    expect(await valueOf(rt, 3)).toBe("data:image/jpeg;");
  });
});

describe("ojs cells and local modules", () => {
  test("viewof shows the input and gives readers its value; mutable is assigned from other cells", async () => {
    rt = makeRuntime();
    rt.load([
      js(1, "viewof size = Inputs.range([0, 10], {value: 4, step: 1})", "ojs"),
      js(2, "size * 2", "ojs"),
      js(3, "mutable clicks = 0", "ojs"),
      js(4, "bump = { mutable clicks = size; return 'bumped'; }", "ojs"),
      js(5, "clicks + 1", "ojs"),
      js(6, "md`# Title`", "ojs"),
    ]);
    expect(await valueOf(rt, 2)).toBe(8);
    expect(rt.state(1)!.displayed[0]).toBeInstanceOf(HTMLFormElement);
    expect(rt.state(1)!.outputs).toEqual(["size"]);
    expect(await valueOf(rt, 4)).toBe("bumped");
    expect(await eventually(rt, 5, 5)).toBe(5);
    expect(((await valueOf(rt, 6)) as HTMLElement).querySelector("h1")!.textContent).toBe("Title");
  });

  test("a local module is loaded relative to the notebook, its CDN and relative imports resolved offline", async () => {
    rt = makeRuntime(fixtures);
    rt.load([
      js(1, "import meta, {counter, name} from './counter.js';"),
      js(2, "[counter(3).textContent, name, meta.url.endsWith('/modules/counter.js')]"),
      js(3, "import {nothing} from './counter.js';"),
    ]);
    expect(await valueOf(rt, 2)).toEqual(["6", "counter", true]);
    expect(errorOf(rt, 3)).toMatch(/export 'nothing' not found/);
    expect(status(rt, 1).state).toBe("fulfilled");
  });
});
