// Existence of optional files from a listing, never from a failed request: the listing's format,
// which notebooks a site's listing covers, the browser's lookup (fetched once), Node's (the file
// system), and the model loader asking before it reads a card.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { fileExists, readFileBytes } from "../../src/runtime/node-host";
import { FILE_LISTING, listingExists, parseListing, siteRootOf, sitePathOf } from "../../src/stdlib/file-listing";
import { fileAttachments } from "../../src/stdlib/file-attachment";
import { loadModel } from "../../src/stdlib/crossexam-namespace";
import { siteListing } from "../../src/publish/build-site";
import { scratchDir } from "../scratch-dir";

describe("parseListing", () => {
  test("takes {files: [site paths]} and refuses anything else, quoting it", () => {
    expect(parseListing({ files: ["data/a.csv"] })).toEqual({ files: ["data/a.csv"] });
    expect(() => parseListing({ files: "data/a.csv" })).toThrow(/a file listing is \{"files": \[site paths\]\}; got \{"files":"data\/a.csv"\}/);
    expect(() => parseListing(null)).toThrow(/got null/);
    expect(parseListing({ files: [], folders: ["data"] })).toEqual({ files: [], folders: ["data"] });
    expect(() => parseListing({ files: [], folders: "data" })).toThrow(/"folders" is a list of folder names; got "data"/);
  });
});

describe("siteRootOf / sitePathOf", () => {
  test("a notebook in a site's notebooks/ folder has the folder above as its site root, under any sub-path", () => {
    expect(siteRootOf(new URL("http://localhost:5173/notebooks/credit.html"))?.href).toBe("http://localhost:5173/");
    expect(siteRootOf(new URL("https://me.github.io/repo/notebooks/credit.html"))?.href).toBe("https://me.github.io/repo/");
  });
  test("a notebook elsewhere, or not over HTTP, has none", () => {
    expect(siteRootOf(new URL("http://localhost:5173/test/x.html"))).toBeUndefined();
    expect(siteRootOf(new URL("file:///home/me/notebooks/x.html"))).toBeUndefined();
    expect(siteRootOf(new URL("crossexam-local://k1/notebooks/x.html"))).toBeUndefined();
  });
  test("site paths are decoded and relative to the root; other origins and paths above the root have none", () => {
    const root = new URL("https://me.github.io/repo/");
    expect(sitePathOf(new URL("https://me.github.io/repo/data/my%20model.onnx"), root)).toBe("data/my model.onnx");
    expect(sitePathOf(new URL("https://me.github.io/other/data/a.csv"), root)).toBeUndefined();
    expect(sitePathOf(new URL("https://elsewhere.org/repo/data/a.csv"), root)).toBeUndefined();
  });
});

describe("listingExists", () => {
  const notebook = new URL("https://me.github.io/repo/notebooks/credit.html");
  test("answers from the site's listing, fetched once from notebooks/files.json", async () => {
    const asked: string[] = [];
    const exists = listingExists(notebook, async (url) => { asked.push(url.href); return { files: ["data/m.onnx", "data/m.card.json"] }; });
    expect(await exists(new URL("../data/m.card.json", notebook))).toBe(true);
    expect(await exists(new URL("../data/other.card.json", notebook))).toBe(false);
    expect(asked).toEqual([`https://me.github.io/repo/${FILE_LISTING}`]);
  });
  test("cannot tell (undefined) for files of another site, notebooks outside a site, or an unreadable listing", async () => {
    const listing = async () => ({ files: ["data/m.onnx"] });
    expect(await listingExists(notebook, listing)(new URL("https://elsewhere.org/data/m.onnx"))).toBeUndefined();
    expect(await listingExists(new URL("http://localhost/x.html"), listing)(new URL("http://localhost/data/m.onnx"))).toBeUndefined();
    // the dev server's listing covers data/ and notebooks/ only: a file elsewhere is not known absent
    const partial = listingExists(notebook, async () => ({ files: ["data/m.onnx"], folders: ["data", "notebooks"] }));
    expect(await partial(new URL("../data/m.card.json", notebook))).toBe(false);
    expect(await partial(new URL("../test/fixtures/m.card.json", notebook))).toBeUndefined();
    const broken = listingExists(notebook, async () => { throw new Error("HTTP 404"); });
    expect(await broken(new URL("../data/m.onnx", notebook))).toBeUndefined();
  });
});

describe("in Node, existence from the file system", () => {
  test("fileExists: true for a file, false for a missing one or a folder, undefined for a non-file URL", async () => {
    expect(await fileExists(pathToFileURL("data/synthetic.csv"))).toBe(true);
    expect(await fileExists(pathToFileURL("data/no-such-file.card.json"))).toBe(false);
    expect(await fileExists(pathToFileURL("data"))).toBe(false);
    expect(await fileExists(new URL("http://localhost/data/synthetic.csv"))).toBeUndefined();
  });

  test("FileAttachment(name).exists() asks the host's listing; without one it cannot tell", async () => {
    const base = pathToFileURL(`${process.cwd()}/notebooks/x.html`);
    const withListing = fileAttachments(base, readFileBytes, fileExists);
    expect(await withListing("../data/synthetic.csv").exists()).toBe(true);
    expect(await withListing("../data/synthetic.csv").sibling("nothing.json").exists()).toBe(false);
    expect(await fileAttachments(base, readFileBytes)("../data/synthetic.csv").exists()).toBeUndefined();
  });

  test("crossexam.loadModel reads the card only when the listing has it: a model without one reads nothing else", async () => {
    const dir = scratchDir("cx-nocard-");
    mkdirSync(join(dir, "models"));
    copyFileSync("data/models/synthetic/y-gbm.onnx", join(dir, "models", "bare.onnx"));
    copyFileSync("data/models/synthetic/y-gbm.onnx", join(dir, "models", "carded.onnx"));
    copyFileSync("data/models/synthetic/y-gbm.card.json", join(dir, "models", "carded.card.json"));
    const read: string[] = [];
    const attach = fileAttachments(pathToFileURL(join(dir, "nb.html")), async (url) => { read.push(url.pathname.split("/").pop()!); return readFileBytes(url); }, fileExists);
    const card = JSON.parse(readFileSync("data/models/synthetic/y-gbm.card.json", "utf8"));
    const bare = await loadModel(attach("models/bare.onnx"), { features: card.features.map((f: { name: string }) => f.name) });
    expect(read).toEqual(["bare.onnx"]);
    expect(bare.card).toBeUndefined();
    const carded = await loadModel(attach("models/carded.onnx"));
    expect(read).toEqual(["bare.onnx", "carded.card.json", "carded.onnx"]);
    expect(carded.card).toBeDefined();
    await bare.dispose();
    await carded.dispose();
  });
});

describe("the listing a built site carries (crossexam build)", () => {
  test("names its notebooks, their files, the gallery's index and itself, sorted, once each", () => {
    expect(siteListing(["notebooks/b.html", "notebooks/a.html"], ["data/m.onnx", "data/m.card.json", "data/m.onnx"]).files).toEqual([
      "data/m.card.json", "data/m.onnx", "notebooks/a.html", "notebooks/b.html", "notebooks/files.json", "notebooks/index.json",
    ]);
  });
});
