// The editor's write endpoints through the real plugin inside a real Vite dev server.
import { request } from "node:http";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { contentHash } from "../../src/notebook/hash";
import { crossexamServer } from "../../src/server/vite-plugin";

const notebook = (title: string) => `<!doctype html>\n<notebook theme="air">\n  <title>${title}</title>\n  <script id="1" type="module">\n    1 + 1\n  </script>\n</notebook>\n`;

let root: string;
let outside: string;
let server: ViteDevServer;
let port: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cx-plugin-"));
  outside = await mkdtemp(join(tmpdir(), "cx-plugin-outside-"));
  await mkdir(join(root, "notebooks"));
  await writeFile(join(outside, "victim.html"), notebook("victim"));
  await symlink(join(outside, "victim.html"), join(root, "notebooks", "link.html"));
  server = await createServer({ configFile: false, root, logLevel: "silent", plugins: [crossexamServer(root)], server: { host: "127.0.0.1", port: 0 }, optimizeDeps: { noDiscovery: true } });
  await server.listen();
  port = (server.httpServer!.address() as { port: number }).port;
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});
beforeEach(async () => { await writeFile(join(root, "notebooks", "a.html"), notebook("A")); });

/** A raw POST, so the test controls every header (fetch would set Origin and Host itself). */
function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, string> }> {
  const own = `127.0.0.1:${port}`;
  const all = { host: own, origin: `http://${own}`, "sec-fetch-site": "same-origin", "content-type": "application/json", ...headers };
  for (const [k, v] of Object.entries(all)) if (v === "") delete all[k as keyof typeof all];
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "POST", headers: all }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      // Vite itself answers some refusals (a foreign Host) in plain text
      res.on("end", () => resolve({ status: res.statusCode!, json: /^\s*\{/.test(text) ? JSON.parse(text) : { error: text } }));
    });
    req.on("error", reject);
    req.end(typeof body === "string" ? body : JSON.stringify(body));
  });
}

describe("POST /api/notebooks/save through the Vite plugin", () => {
  test("saves from the page's own origin and the new text is served back", async () => {
    const r = await post("/api/notebooks/save", { path: "notebooks/a.html", text: notebook("saved"), baseHash: await contentHash(notebook("A")) });
    expect(r.status).toBe(200);
    expect(r.json.hash).toBe(await contentHash(notebook("saved")));
    const served = await fetch(`http://127.0.0.1:${port}/notebooks/a.html`).then((res) => res.text());
    expect(served).toBe(notebook("saved"));
  });

  test("answers 409 with the current hash when the file changed on disk", async () => {
    const r = await post("/api/notebooks/save", { path: "notebooks/a.html", text: notebook("mine"), baseHash: await contentHash(notebook("older")) });
    expect(r.status).toBe(409);
    expect(r.json.currentHash).toBe(await contentHash(notebook("A")));
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("A"));
  });

  test.each([
    ["../package.json", "notebooks/../x.html"],
    ["an encoded ..", "notebooks/%2e%2e/%2e%2e/x.html"],
    ["an absolute path", "/tmp/x.html"],
    ["a symlink out of the folder", "notebooks/link.html"],
    ["another extension", "notebooks/a.txt"],
  ])("refuses %s with 403", async (_what, path) => {
    const r = await post("/api/notebooks/save", { path, text: notebook("x"), baseHash: await contentHash(notebook("victim")) });
    expect(r.status).toBe(403);
    expect(r.json.error).toBeTruthy();
    expect(await readFile(join(outside, "victim.html"), "utf8")).toBe(notebook("victim"));
  });

  test.each([
    ["another site's Origin", { origin: "http://evil.example" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["a same-site but other-origin fetch", { "sec-fetch-site": "same-site", origin: "http://localhost:1" }],
    ["no Origin at all", { origin: "" }],
    ["a rebound DNS name as Host", { host: `evil.example:1`, origin: "http://evil.example:1" }],
  ])("refuses %s with 403 and writes nothing", async (_what, headers) => {
    const r = await post("/api/notebooks/save", { path: "notebooks/a.html", text: notebook("forged"), baseHash: await contentHash(notebook("A")) }, headers);
    expect(r.status).toBe(403);
    expect(await readFile(join(root, "notebooks/a.html"), "utf8")).toBe(notebook("A"));
  });

  test("refuses a form post (not JSON) with 415", async () => {
    const r = await post("/api/notebooks/save", "path=notebooks/a.html", { "content-type": "application/x-www-form-urlencoded" });
    expect(r.status).toBe(415);
  });

  test("refuses a body that is not JSON with 400", async () => {
    const r = await post("/api/notebooks/save", "{not json");
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/not a JSON object/);
  });
});

describe("POST /api/notebooks/create through the Vite plugin", () => {
  test("creates a slugged file once, then answers 409 for the same name", async () => {
    const first = await post("/api/notebooks/create", { name: "Fresh start", text: notebook("Fresh") });
    expect(first.status).toBe(200);
    expect(first.json.path).toBe("notebooks/fresh-start.html");
    const second = await post("/api/notebooks/create", { name: "fresh start", text: notebook("Other") });
    expect(second.status).toBe(409);
    expect(await readFile(join(root, "notebooks/fresh-start.html"), "utf8")).toBe(notebook("Fresh"));
  });

  test("refuses a cross-origin creation", async () => {
    const r = await post("/api/notebooks/create", { name: "sneaky", text: notebook("x") }, { origin: "http://evil.example" });
    expect(r.status).toBe(403);
    expect(await readdir(join(root, "notebooks"))).not.toContain("sneaky.html");
  });
});
