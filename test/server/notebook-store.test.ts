import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { serializeNotebook } from "../../src/notebook/format";
import { contentHash } from "../../src/notebook/hash";
import { nodeDom } from "../../src/notebook/node-dom";
import type { Cell, Notebook } from "../../src/notebook/types";
import { notebookIndex } from "../../src/server/notebook-index";
import { NotebookStore, NotebookStoreError, notebookFileName } from "../../src/server/notebook-store";

const notebook = (title: string, body = "1 + 1") =>
  `<!doctype html>\n<notebook theme="air">\n  <title>${title}</title>\n  <script id="1" type="module">\n    ${body}\n  </script>\n</notebook>\n`;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cx-store-"));
  await mkdir(join(root, "notebooks"));
  await writeFile(join(root, "notebooks", "a.html"), notebook("A"));
});
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

async function refusal(promise: Promise<unknown>): Promise<NotebookStoreError> {
  const error = await promise.then(() => undefined, (e) => e);
  expect(error).toBeInstanceOf(NotebookStoreError);
  return error as NotebookStoreError;
}
const files = async () => (await readdir(join(root, "notebooks"))).sort();

describe("NotebookStore.save(path, text, baseHash)", () => {
  test("replaces the file when it is still the version the editor loaded, and returns the new hash", async () => {
    const store = new NotebookStore(root);
    const baseHash = await contentHash(notebook("A"));
    const result = await store.save({ path: "notebooks/a.html", text: notebook("A2"), baseHash });
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("A2"));
    expect(result).toEqual({ path: "notebooks/a.html", hash: await contentHash(notebook("A2")) });
    expect(await files()).toEqual(["a.html"]); // no temporary file left behind
  });

  test("refuses with 409 and the current hash when the file changed on disk since it was loaded", async () => {
    const store = new NotebookStore(root);
    const baseHash = await contentHash(notebook("A"));
    await writeFile(join(root, "notebooks/a.html"), notebook("changed by someone else"));
    const error = await refusal(store.save({ path: "notebooks/a.html", text: notebook("mine"), baseHash }));
    expect(error.status).toBe(409);
    expect(error.currentHash).toBe(await contentHash(notebook("changed by someone else")));
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("changed by someone else"));
  });

  test("two saves from the same base: the first wins, the second is a conflict", async () => {
    const store = new NotebookStore(root);
    const baseHash = await contentHash(notebook("A"));
    const [first, second] = await Promise.allSettled([
      store.save({ path: "notebooks/a.html", text: notebook("one"), baseHash }),
      store.save({ path: "notebooks/a.html", text: notebook("two"), baseHash }),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second.status === "rejected" && (second.reason as NotebookStoreError).status).toBe(409);
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("one"));
  });

  test("a failure between writing the temporary file and renaming it leaves the old file intact", async () => {
    let tempSeen = "";
    const store = new NotebookStore(root, "notebooks", {
      beforeCommit: async (temp) => {
        tempSeen = await readFile(temp, "utf8");
        throw new Error("simulated crash before rename");
      },
    });
    const baseHash = await contentHash(notebook("A"));
    await expect(store.save({ path: "notebooks/a.html", text: notebook("new"), baseHash })).rejects.toThrow(/simulated crash/);
    expect(tempSeen).toBe(notebook("new")); // the new text was fully written to the side …
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("A")); // … and the old file is untouched
    expect(await files()).toEqual(["a.html"]);
  });

  test("never writes text that does not parse back as a notebook", async () => {
    const store = new NotebookStore(root);
    const baseHash = await contentHash(notebook("A"));
    const error = await refusal(store.save({ path: "notebooks/a.html", text: "<html><p>not a notebook</p></html>", baseHash }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/not a readable notebook/);
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("A"));
  });

  test("says 404 for a notebook that does not exist, and points to Save as", async () => {
    const error = await refusal(new NotebookStore(root).save({ path: "notebooks/gone.html", text: notebook("x"), baseHash: "sha256:0" }));
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/Save as/);
    expect(await files()).toEqual(["a.html"]);
  });

  test.each([
    ["a parent folder", "notebooks/../package.json.html"],
    ["a path outside the notebooks folder", "src/evil.html"],
    ["an absolute path", "/etc/passwd.html"],
    ["an encoded ..", "notebooks/%2e%2e/x.html"],
    ["another extension", "notebooks/a.js"],
  ])("refuses %s with 403: %s", async (_what, path) => {
    const error = await refusal(new NotebookStore(root).save({ path, text: notebook("x"), baseHash: await contentHash(notebook("A")) }));
    expect(error.status).toBe(403);
  });

  test("refuses a symlink inside notebooks/ that points outside it, and leaves the target alone", async () => {
    const outside = await mkdtemp(join(tmpdir(), "cx-outside-"));
    try {
      await writeFile(join(outside, "victim.html"), notebook("victim"));
      await symlink(join(outside, "victim.html"), join(root, "notebooks", "link.html"));
      await symlink(outside, join(root, "notebooks", "dir"));
      const baseHash = await contentHash(notebook("victim"));
      for (const path of ["notebooks/link.html", "notebooks/dir/victim.html"]) {
        const error = await refusal(new NotebookStore(root).save({ path, text: notebook("overwritten"), baseHash }));
        expect(error.status).toBe(403);
        expect(error.message).toMatch(/symlink/);
      }
      expect(await readFile(join(outside, "victim.html"), "utf8")).toBe(notebook("victim"));
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  test("refuses requests with missing fields as 400", async () => {
    const error = await refusal(new NotebookStore(root).save({ path: "notebooks/a.html", text: notebook("x") } as never));
    expect(error.status).toBe(400);
  });
});

describe("NotebookStore.save refuses text that would not read back as the editor's cells", () => {
  const cells = (values: string[]): Cell[] => values.map((value, i) => ({ id: i + 1, mode: "js", value, pinned: false, hidden: false }));
  const nb = (values: string[]): Notebook => ({ title: "A", theme: "air", readOnly: false, cells: cells(values) });
  // what Notebook Kit's escaping alone writes for these cells: the first swallows the second
  const swallowing = notebook("A", 'const tpl = "<!--<script>";\n  </script>\n  <script id="2" type="module">\n    x = 1')
    .replace("</notebook>", "</notebook>");

  test("text whose cells differ from the cells sent is refused (400), naming the cell, and nothing is written", async () => {
    const store = new NotebookStore(root);
    const baseHash = await contentHash(notebook("A"));
    const error = await refusal(store.save({ path: "notebooks/a.html", text: swallowing, baseHash, cells: cells(['const tpl = "<!--<script>";', "x = 1"]) }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/would not read back .*1 of the 2 cells: cell with id 2 would be lost/);
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("A"));
    expect(await files()).toEqual(["a.html"]);
  });

  test("without cells, text that does not re-serialize to itself (a swallowed cell) is refused too", async () => {
    const error = await refusal(new NotebookStore(root).save({ path: "notebooks/a.html", text: swallowing, baseHash: await contentHash(notebook("A")) }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/differs from what it reads as, from line 4/);
  });

  test("a cell changed on the way (different value or mode) is refused; lines of only spaces may become empty", async () => {
    const store = new NotebookStore(root);
    const baseHash = await contentHash(notebook("A"));
    const text = serializeNotebook(nb(["a\n   \nb"]), nodeDom());
    const changed = await refusal(store.save({ path: "notebooks/a.html", text, baseHash, cells: cells(["a\n   \nc"]) }));
    expect(changed.message).toMatch(/cell 1 \(id 1\) would read back changed, from character 4 on/);
    const mode = await refusal(store.save({ path: "notebooks/a.html", text, baseHash, cells: [{ id: 1, mode: "md", value: "a\n\nb" }] }));
    expect(mode.message).toMatch(/as a js cell, not md/);
    await store.save({ path: "notebooks/a.html", text, baseHash, cells: cells(["a\n   \nb"]) });
  });

  test("the dangerous texts the serializer now writes safely are saved and read back", async () => {
    const values = ['const tpl = "<!--<script>";', "<!-- <script>", "`</script/>`", "last"];
    const text = serializeNotebook(nb(values), nodeDom());
    await new NotebookStore(root).save({ path: "notebooks/a.html", text, baseHash: await contentHash(notebook("A")), cells: cells(values) });
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(text);
  });

  test("cells that are not a list of {id, mode, value} are a 400", async () => {
    const error = await refusal(new NotebookStore(root).save({ path: "notebooks/a.html", text: notebook("A"), baseHash: "x", cells: [{ id: "1" }] as never }));
    expect(error.status).toBe(400);
  });
});

describe("NotebookStore.save never silently overwrites another writer", () => {
  test("a write in place between the last check and the rename is put back, and the save is a 409", async () => {
    const file = join(root, "notebooks/a.html");
    const store = new NotebookStore(root, "notebooks", { beforeRename: () => writeFile(file, notebook("theirs")) });
    const error = await refusal(store.save({ path: "notebooks/a.html", text: notebook("mine"), baseHash: await contentHash(notebook("A")) }));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/another program wrote .* while it was being saved; its version is kept/);
    expect(error.currentHash).toBe(await contentHash(notebook("theirs")));
    expect(await readFile(file, "utf8")).toBe(notebook("theirs"));
    expect(await files()).toEqual(["a.html"]); // no side file left
  });

  test("40 saves while another process writes the file in place: 0 silent overwrites", async () => {
    const file = join(root, "notebooks/a.html");
    // the other program: on "go DELAY N TAG", waits DELAY ms, then writes the file in place N times
    const writer = spawn(process.execPath, ["-e", `
      const fs = require("fs"), wait = new Int32Array(new SharedArrayBuffer(4));
      require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
        const [, delay, n, tag] = line.split(" ");
        Atomics.wait(wait, 0, 0, Number(delay));
        for (let k = 1; k <= Number(n); k++) { fs.writeFileSync(${JSON.stringify(file)}, tag + "-" + k); Atomics.wait(wait, 0, 0, 0.2); }
        process.stdout.write(tag + "-" + n + "\\n");
      });`], { stdio: ["pipe", "pipe", "inherit"] });
    const replies = createInterface({ input: writer.stdout! })[Symbol.asyncIterator]();
    try {
      const store = new NotebookStore(root);
      // how long one save takes here, so the other writes fall inside the saves' windows
      await store.save({ path: "notebooks/a.html", text: notebook("warm"), baseHash: await contentHash(notebook("A")) });
      let started = performance.now();
      await store.save({ path: "notebooks/a.html", text: notebook("warm 2"), baseHash: await contentHash(notebook("warm")) });
      const saveMs = performance.now() - started;
      const outcomes = { saved: 0, conflicts: 0, during: 0, silent: 0, older: 0, other: 0 };
      for (let trial = 0; trial < 40; trial++) {
        await writeFile(file, notebook("base"));
        const baseHash = await contentHash(notebook("base"));
        const mine = notebook(`mine ${trial}`);
        started = performance.now();
        const saving = store.save({ path: "notebooks/a.html", text: mine, baseHash }).then(() => "ok", (e: NotebookStoreError) => e);
        writer.stdin!.write(`go ${((trial % 20) / 20 * saveMs).toFixed(2)} ${1 + (trial % 3)} ext${trial}\n`);
        const [result, last] = await Promise.all([saving, replies.next().then((r) => r.value as string)]);
        const final = await readFile(file, "utf8");
        expect(last).toBe(`ext${trial}-${1 + (trial % 3)}`);
        if (result === "ok" && final === last) outcomes.saved++; // their writes all came after ours
        else if (result === "ok" && final === mine) outcomes.silent++; // their last write was lost
        else if (result instanceof NotebookStoreError && result.status === 409 && final === last) {
          outcomes.conflicts++;
          if (/while it was being saved/.test(result.message)) outcomes.during++;
        } else if (result instanceof NotebookStoreError && result.status === 409 && final.startsWith(`ext${trial}-`)) {
          outcomes.older++; // refused, and theirs is on disk, but one of their earlier writes (see below)
        } else outcomes.other++;
      }
      console.log(`external writer during saves of ~${saveMs.toFixed(1)} ms:`, outcomes);
      expect(outcomes).toMatchObject({ silent: 0, other: 0 });
      // The limit docs/SECURITY.md states: a write whose open() reached our new file just before we put
      // theirs back lands in a file no name points to, so the file holds their write before it. Seen in about
      // 1 of 100 trials here; the save is refused either way, and ours is never what is left.
      expect(outcomes.older).toBeLessThanOrEqual(3);
      expect(outcomes.saved + outcomes.conflicts + outcomes.older).toBe(40);
      expect(outcomes.conflicts).toBeGreaterThan(0); // the writes did reach the saves' windows
      expect((await files()).filter((f) => f.startsWith("."))).toEqual([]);
    } finally {
      writer.kill();
    }
  }, 60_000);

  test("two stores (as two servers would be) saving from the same base: the lock lets exactly one win", async () => {
    for (let round = 0; round < 5; round++) {
      const base = notebook(`base ${round}`);
      await writeFile(join(root, "notebooks/a.html"), base);
      const baseHash = await contentHash(base);
      const results = await Promise.allSettled([new NotebookStore(root), new NotebookStore(root)]
        .map((store, k) => store.save({ path: "notebooks/a.html", text: notebook(`store ${k}`), baseHash })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    }
  });
});

describe("side files of interrupted saves", () => {
  const deadPid = 99_999_999;
  test("are removed when a store starts (those of dead processes, or old), and the gallery never lists them", async () => {
    const folder = join(root, "notebooks");
    const stale = [`.a.html.${deadPid}.0123456789ab.tmp`, `.a.html.${deadPid}.0123456789ab.old`, ".a.html.lock"];
    const live = `.a.html.${process.pid}.ba9876543210.tmp`;
    const oldOwn = `.a.html.${process.pid}.aaaaaaaaaaaa.tmp`;
    for (const name of [...stale, live, oldOwn]) await writeFile(join(folder, name), name.endsWith(".lock") ? String(deadPid) : "partial");
    await writeFile(join(folder, ".hidden.html"), notebook("hidden"));
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(folder, oldOwn), hourAgo, hourAgo);
    expect((await notebookIndex(root)).map((e) => e.path)).toEqual(["notebooks/a.html"]);
    const removed = await new NotebookStore(root).cleaned;
    expect(removed.sort()).toEqual([...stale, oldOwn].sort());
    expect(await files()).toEqual([".a.html." + process.pid + ".ba9876543210.tmp", ".hidden.html", "a.html"].sort());
    await stat(join(folder, live)); // a save in progress in a live process keeps its file
  });
});

describe("NotebookStore.create(name, text)", () => {
  test("writes a new file named after the slugged name", async () => {
    const result = await new NotebookStore(root).create({ name: "My analysis #2", text: notebook("Mine") });
    expect(result).toEqual({ path: "notebooks/my-analysis-2.html", hash: await contentHash(notebook("Mine")) });
    expect(await readFile(join(root, "notebooks/my-analysis-2.html"), "utf8")).toBe(notebook("Mine"));
    expect(await files()).toEqual(["a.html", "my-analysis-2.html"]);
  });

  test("never replaces an existing file: 409, and the old text stays", async () => {
    const error = await refusal(new NotebookStore(root).create({ name: "a", text: notebook("replacement") }));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/exists already/);
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("A"));
    expect(await files()).toEqual(["a.html"]);
  });

  test("two creations of the same name at once: exactly one succeeds", async () => {
    const store = new NotebookStore(root);
    const results = await Promise.allSettled([store.create({ name: "b", text: notebook("1") }), store.create({ name: "b", text: notebook("2") })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await files()).toEqual(["a.html", "b.html"]);
  });

  test("refuses a name that does not parse as a notebook text", async () => {
    const error = await refusal(new NotebookStore(root).create({ name: "c", text: "hello" }));
    expect(error.status).toBe(400);
    expect(await files()).toEqual(["a.html"]);
  });
});

describe("notebookFileName(name)", () => {
  test.each([
    ["My analysis", "my-analysis.html"],
    ["  Überprüfung der Modelle  ", "uberprufung-der-modelle.html"],
    ["credit.html", "credit.html"],
    ["../../etc/passwd", "etc-passwd.html"],
    ["a/b\\c", "a-b-c.html"],
  ])("%s → %s", (name, file) => {
    expect(notebookFileName(name)).toBe(file);
  });

  test.each(["", "   ", "---", "!!!.html", "index"])("refuses %j with a message", (name) => {
    expect(() => notebookFileName(name)).toThrow(NotebookStoreError);
  });

  test("keeps names to 80 characters before the extension", () => {
    expect(notebookFileName("x".repeat(200))).toBe(`${"x".repeat(80)}.html`);
  });
});
