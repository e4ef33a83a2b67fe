// The editor's write endpoints through the real plugin inside a real Vite dev server: who may
// write (the shell's origin with its session token, never the notebook frame's), which host
// serves which page, and that nothing outside the project is served through a symlink.
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
let token: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cx-plugin-"));
  outside = await mkdtemp(join(tmpdir(), "cx-plugin-outside-"));
  await mkdir(join(root, "notebooks"));
  await writeFile(join(outside, "victim.html"), notebook("victim"));
  await symlink(join(outside, "victim.html"), join(root, "notebooks", "link.html"));
  // a folder inside the project that leads out of it
  await mkdir(join(root, "data"));
  await symlink(outside, join(root, "data", "out"));
  await writeFile(join(root, "frame.html"), "<!doctype html><title>frame</title>");
  await writeFile(join(root, "notebook.html"), "<!doctype html><title>shell</title>");
  server = await createServer({ configFile: false, root, logLevel: "silent", plugins: [crossexamServer(root)], server: { host: "127.0.0.1", port: 0 }, optimizeDeps: { noDiscovery: true } });
  await server.listen();
  port = (server.httpServer!.address() as { port: number }).port;
  token = (await get("/api/session", { "sec-fetch-site": "same-origin" })).json.token;
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
  const all = { host: own, origin: `http://${own}`, "sec-fetch-site": "same-origin", "content-type": "application/json", "x-crossexam-token": token, ...headers };
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

/** A raw GET: the path goes out exactly as written (fetch would normalise %2e, backslashes and ..). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: Record<string, string>; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET", headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, text, json: /^\s*\{/.test(text) ? JSON.parse(text) : {}, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
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
    ["the notebook frame's origin (localhost), even with the token", { host: `localhost:${"PORT"}`, origin: `http://localhost:${"PORT"}` }],
    ["the notebook frame writing to the shell's address", { origin: `http://localhost:${"PORT"}`, "sec-fetch-site": "cross-site" }],
    ["the shell's origin without the token", { "x-crossexam-token": "" }],
    ["the shell's origin with a wrong token", { "x-crossexam-token": "x".repeat(43) }],
  ])("refuses %s with 403 and writes nothing", async (_what, given) => {
    const headers = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v.replace("PORT", String(port))]));
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

describe("the session token and the two origins", () => {
  test("the token is handed to the shell's own same-origin requests only", async () => {
    expect(token).toMatch(/^[\w-]{43}$/);
    expect((await get("/api/session", { host: `localhost:${port}` })).status).toBe(403);
    expect((await get("/api/session", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await get("/api/session", { "sec-fetch-site": "same-site", origin: `http://localhost:${port}` })).status).toBe(403);
    const refused = await get("/api/session", { host: `localhost:${port}` });
    expect(refused.text).not.toContain(token);
  });

  test("the frame page is served on the frame's host only, embeddable across origins; shell pages on it redirect to the shell", async () => {
    const onShell = await get("/frame.html");
    expect(onShell.status).toBe(403);
    const onFrame = await get("/frame.html", { host: `localhost:${port}` });
    expect(onFrame.status).toBe(200);
    expect(onFrame.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    const shellOnFrame = await get("/notebook.html?path=notebooks/a.html", { host: `localhost:${port}` });
    expect(shellOnFrame.status).toBe(302);
    expect(shellOnFrame.headers.location).toBe(`http://127.0.0.1:${port}/notebook.html?path=notebooks/a.html`);
  });

  test("a notebook file opened as a page runs no script (Content-Security-Policy: sandbox), nor does any other document on the shell's origin", async () => {
    const r = await get("/notebooks/a.html");
    expect(r.status).toBe(200);
    expect(r.headers["content-security-policy"]).toBe("sandbox");
    await writeFile(join(root, "stray.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>");
    expect((await get("/stray.svg")).headers["content-security-policy"]).toBe("sandbox");
  });

  test("the shell's pages may not be framed (frame-ancestors 'none')", async () => {
    expect((await get("/notebook.html")).headers["content-security-policy"]).toBe("frame-ancestors 'none'");
  });
});

describe("static serving never follows a symlink out of the project", () => {
  test.each([
    ["plain", "/notebooks/link.html"],
    ["%2e for the dot", "/notebooks/link%2ehtml"],
    ["%2E upper case", "/notebooks/link%2Ehtml"],
    ["%2f for the slash", "/notebooks%2flink.html"],
    ["double encoding", "/notebooks/link%252ehtml"],
    ["double-encoded slash", "/notebooks%252flink.html"],
    ["a backslash", "/notebooks\\link.html"],
    ["an encoded backslash", "/notebooks%5clink.html"],
    ["all encoded", "/%6e%6f%74%65%62%6f%6f%6b%73/%6c%69%6e%6b%2e%68%74%6d%6c"],
    ["a query", "/notebooks/link%2ehtml?raw"],
    ["a symlinked folder", "/data/out/victim.html"],
    ["a symlinked folder, encoded", "/data/out%2fvictim%2ehtml"],
    ["by absolute path", "/@fs/ROOT/notebooks/link.html"],
  ])("refuses %s", async (_what, path) => {
    const r = await get(path.replace("ROOT", root.replace(/^\//, "")));
    expect(r.status, `${path} answered ${r.status}`).not.toBe(200);
    expect(r.text).not.toContain("<title>victim</title>");
  });

  test("files of the project are still served", async () => {
    await writeFile(join(root, "data", "plain.csv"), "a\n1\n");
    const r = await get("/data/plain.csv");
    expect(r.status).toBe(200);
    expect(r.text).toBe("a\n1\n");
  });
});

describe("GET /notebooks/files.json: the site's file listing", () => {
  test("lists the files of data/ and notebooks/ as site paths, for the notebook frame's origin too; nothing hidden, nothing a symlink leads out to", async () => {
    await mkdir(join(root, "data", "models"), { recursive: true });
    await writeFile(join(root, "data", "models", "m.onnx"), "x");
    await writeFile(join(root, "data", ".hidden.csv"), "a\n");
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const r = await get("/notebooks/files.json", { host });
      expect(r.status, host).toBe(200);
      expect(r.headers["cache-control"]).toBe("no-store");
      const { files, folders } = JSON.parse(r.text) as { files: string[]; folders: string[] };
      expect(folders).toEqual(["data", "notebooks"]);
      expect(files).toContain("data/models/m.onnx");
      expect(files).toContain("notebooks/a.html");
      // data/out and notebooks/link.html lead outside the project
      expect(files.filter((f) => f.startsWith("data/out/") || f === "notebooks/link.html" || f.includes("/."))).toEqual([]);
    }
  });
});
