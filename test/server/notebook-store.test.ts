import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { contentHash } from "../../src/notebook/hash";
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
