// POST /api/data/upload through the real plugin inside a real Vite dev server: the files of the
// gallery's "Explore a model" form are written only by the shell (its origin and session token,
// as notebook saves), only inside data/, under safe names, never over other bytes, within the
// size limit, and atomically (no side file is left behind).
import { request } from "node:http";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DataStore, MAX_DATA_BYTES } from "../../src/server/data-store";
import { crossexamServer } from "../../src/server/vite-plugin";

let root: string;
let outside: string;
let server: ViteDevServer;
let port: number;
let token: string;

const b64 = (s: string) => Buffer.from(s).toString("base64");

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cx-upload-"));
  outside = await mkdtemp(join(tmpdir(), "cx-upload-outside-"));
  await mkdir(join(root, "notebooks"));
  await mkdir(join(root, "data"));
  await symlink(outside, join(root, "data", "out"));
  server = await createServer({ configFile: false, root, logLevel: "silent", plugins: [crossexamServer(root)], server: { host: "127.0.0.1", port: 0 }, optimizeDeps: { noDiscovery: true } });
  await server.listen();
  port = (server.httpServer!.address() as { port: number }).port;
  token = (await call("GET", "/api/session", undefined, { "sec-fetch-site": "same-origin" })).json.token;
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function call(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, string> }> {
  const own = `127.0.0.1:${port}`;
  const base: Record<string, string> = method === "POST"
    ? { host: own, origin: `http://${own}`, "sec-fetch-site": "same-origin", "content-type": "application/json", "x-crossexam-token": token }
    : { host: own };
  const all: Record<string, string> = { ...base, ...headers };
  for (const [k, v] of Object.entries(all)) if (v === "") delete all[k];
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers: all }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, json: /^\s*\{/.test(text) ? JSON.parse(text) : { error: text } }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body));
  });
}
const upload = (body: unknown, headers?: Record<string, string>) => call("POST", "/api/data/upload", body, headers);

describe("POST /api/data/upload", () => {
  test("writes the file under data/<folder>/ and says where, with its size and hash", async () => {
    const r = await upload({ folder: "cls5", name: "cls5.csv", base64: b64("a,b\n1,2\n") });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ path: "data/cls5/cls5.csv", bytes: 8, unchanged: false });
    expect(await readFile(join(root, "data/cls5/cls5.csv"), "utf8")).toBe("a,b\n1,2\n");
    // atomic: the temporary file was linked into place and removed
    expect(await readdir(join(root, "data/cls5"))).toEqual(["cls5.csv"]);
  });

  test("the same bytes again are accepted and not rewritten; other bytes under that name are refused with 409", async () => {
    await upload({ folder: "again", name: "m.onnx", base64: b64("one") });
    const same = await upload({ folder: "again", name: "m.onnx", base64: b64("one") });
    expect(same.status).toBe(200);
    expect(same.json.unchanged).toBe(true);
    const other = await upload({ folder: "again", name: "m.onnx", base64: b64("two") });
    expect(other.status).toBe(409);
    expect(other.json.error).toMatch(/data\/again\/m\.onnx already exists with other content/);
    expect(await readFile(join(root, "data/again/m.onnx"), "utf8")).toBe("one");
  });

  test.each([
    ["a name with a path", { folder: "x", name: "../../package.json" }],
    ["a name with a slash", { folder: "x", name: "a/b.csv" }],
    ["a hidden name", { folder: "x", name: ".env.csv" }],
    ["a kind no notebook reads", { folder: "x", name: "run.sh" }],
    ["a page (would be served as HTML)", { folder: "x", name: "evil.html" }],
    ["a folder with ..", { folder: "..", name: "a.csv" }],
    ["a nested folder", { folder: "a/b", name: "a.csv" }],
    ["an upper-case folder", { folder: "Data", name: "a.csv" }],
  ])("refuses %s with 400 and writes nothing", async (_what, given) => {
    const r = await upload({ ...given, base64: b64("x") });
    expect(r.status).toBe(400);
    expect(r.json.error).toBeTruthy();
    expect(await readdir(join(root, "data")).then((l) => l.sort())).not.toContain("x");
  });

  test("refuses a folder that is a symlink out of data/ with 403", async () => {
    const r = await upload({ folder: "out", name: "a.csv", base64: b64("x") });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatch(/leads outside data\//);
    expect(await readdir(outside)).toEqual([]);
  });

  test("refuses a body that is not base64 with 400", async () => {
    const r = await upload({ folder: "x", name: "a.csv", base64: "not base64!" });
    expect(r.status).toBe(400);
  });

  test.each([
    ["another site's Origin", { origin: "http://evil.example" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["no Origin", { origin: "" }],
    ["the notebook frame's origin (localhost), even with the token", { host: "localhost:PORT", origin: "http://localhost:PORT" }],
    ["the shell's origin without the token", { "x-crossexam-token": "" }],
    ["a wrong token", { "x-crossexam-token": "x".repeat(43) }],
  ])("refuses %s with 403 and writes nothing", async (_what, given) => {
    const headers = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v.replace("PORT", String(port))]));
    const r = await upload({ folder: "forged", name: "a.csv", base64: b64("x") }, headers);
    expect(r.status).toBe(403);
    await expect(readdir(join(root, "data/forged"))).rejects.toThrow();
  });

  test("refuses GET (405) and a form post (415)", async () => {
    expect((await call("GET", "/api/data/upload", undefined)).status).not.toBe(200);
    expect((await upload("folder=x", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
  });

  test("refuses a file over the size limit with 413 before reading it all", async () => {
    const declared = String(Math.ceil((MAX_DATA_BYTES * 4) / 3) + 10_000);
    const r = await upload("{}", { "content-length": declared });
    expect(r.status).toBe(413);
  });
});

describe("DataStore.write", () => {
  test("refuses more than MAX_DATA_BYTES with 413", async () => {
    const big = "A".repeat(Math.ceil(((MAX_DATA_BYTES + 4) * 4) / 3));
    await expect(new DataStore(root).write({ folder: "big", name: "a.csv", base64: big })).rejects.toMatchObject({ status: 413 });
    await expect(readFile(join(root, "data/big/a.csv"))).rejects.toThrow();
  });
});
