import { describe, expect, test } from "vitest";
import { describeOrigin, isOwn, isTrusted, ownParent, TrustMemory, trustRef, type KeyValueStore, type NotebookOrigin } from "../../../src/ui/fork/trust";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("TrustMemory", () => {
  test("a hash is untrusted until trusted, and stays trusted for a new memory over the same storage", () => {
    const store = memoryStore();
    expect(new TrustMemory(store).isTrusted("sha256:aa")).toBe(false);
    new TrustMemory(store).trust("sha256:aa");
    expect(new TrustMemory(store).isTrusted("sha256:aa")).toBe(true);
  });
  test("trust is per content: another hash (an edited file) is not trusted", () => {
    const memory = new TrustMemory(memoryStore());
    memory.trust("sha256:aa");
    expect(memory.isTrusted("sha256:ab")).toBe(false);
  });
  test("trusting twice stores the hash once; forget removes it", () => {
    const store = memoryStore();
    const memory = new TrustMemory(store);
    memory.trust("sha256:aa");
    memory.trust("sha256:aa");
    expect(JSON.parse(store.data.get("crossexam:trusted")!)).toEqual(["sha256:aa"]);
    memory.forget("sha256:aa");
    expect(memory.isTrusted("sha256:aa")).toBe(false);
  });
  test("damaged storage trusts nothing rather than failing", () => {
    const store = memoryStore();
    store.setItem("crossexam:trusted", "{not json");
    expect(new TrustMemory(store).isTrusted("sha256:aa")).toBe(false);
    store.setItem("crossexam:trusted", JSON.stringify({ "sha256:aa": true }));
    expect(new TrustMemory(store).isTrusted("sha256:aa")).toBe(false);
  });
});

describe("isOwn(origin, page): which notebooks run without asking", () => {
  const page = new URL("http://127.0.0.1:5173/site/view.html?path=x");
  test("a notebook in this site's notebooks/ folder is own", () => {
    expect(isOwn({ kind: "site", path: "notebooks/hello.html" }, page)).toBe(true);
  });
  test("a fork kept in this browser is own", () => {
    expect(isOwn({ kind: "local", key: "k" }, page)).toBe(true);
  });
  test("anything else is not: another folder of the site, another origin, a URL, a file, a share link", () => {
    expect(isOwn({ kind: "site", path: "uploads/evil.html" }, page)).toBe(false);
    expect(isOwn({ kind: "site", path: "notebooks/../uploads/evil.html" }, page)).toBe(false);
    expect(isOwn({ kind: "site", path: "http://evil.example/site/notebooks/x.html" }, page)).toBe(false);
    expect(isOwn({ kind: "url", url: "http://127.0.0.1:5173/site/notebooks/x.html" }, page)).toBe(false);
    expect(isOwn({ kind: "file", name: "x.html" }, page)).toBe(false);
    expect(isOwn({ kind: "link" }, page)).toBe(false);
  });
});

describe("ownParent(parent, page): does a fork's lineage name one of this site's notebooks?", () => {
  const page = new URL("http://127.0.0.1:5173/notebook.html?path=x");
  test("a name relative to notebooks/ (as the dev server writes it) or a URL into this site's notebooks/ is own", () => {
    expect(ownParent("hello.html", page)).toBe(true);
    expect(ownParent("notebooks/hello.html", page)).toBe(true);
    expect(ownParent("http://127.0.0.1:5173/notebooks/hello.html", page)).toBe(true);
  });
  test("another host, a share link, a file, data: and escapes are not", () => {
    for (const parent of ["http://localhost:5173/notebooks/hello.html", "https://evil.example/notebooks/x.html", "a share link",
      "file:x.html", "data:text/html,x", "../x.html", "http://127.0.0.1:5173/uploads/x.html", "blob:http://127.0.0.1:5173/1"]) {
      expect(ownParent(parent, page), parent).toBe(false);
    }
  });
});

describe("isTrusted(opened, page, memory): the one trust decision", () => {
  const page = new URL("http://127.0.0.1:5173/notebook.html");
  const site: NotebookOrigin = { kind: "site", path: "notebooks/x-fork.html" };
  const fork = (parent: string) => ({ lineage: { parent } });
  test("an own notebook runs; one from elsewhere waits until its exact hash is trusted", () => {
    const memory = new TrustMemory(memoryStore());
    expect(isTrusted({ origin: { kind: "site", path: "notebooks/a.html" }, notebook: {}, hash: "sha256:1" }, page, memory)).toBe(true);
    const data = { origin: { kind: "url", url: "data:text/html;base64,AA" } as NotebookOrigin, notebook: {}, hash: "sha256:2" };
    expect(isTrusted(data, page, memory)).toBe(false);
    memory.trust("sha256:2");
    expect(isTrusted(data, page, memory)).toBe(true);
  });
  test("a fork inherits its source's trust: an own file whose lineage names another host, or quarantined, waits", () => {
    const memory = new TrustMemory(memoryStore());
    expect(isTrusted({ origin: site, notebook: fork("hello.html"), hash: "sha256:3" }, page, memory)).toBe(true);
    expect(isTrusted({ origin: site, notebook: fork("https://evil.example/x.html"), hash: "sha256:3" }, page, memory)).toBe(false);
    expect(isTrusted({ origin: site, notebook: fork("a share link"), hash: "sha256:3" }, page, memory)).toBe(false);
    memory.quarantine(trustRef(site)!);
    expect(isTrusted({ origin: site, notebook: fork("hello.html"), hash: "sha256:3" }, page, memory)).toBe(false);
    const local: NotebookOrigin = { kind: "local", key: "k1" };
    memory.quarantine(trustRef(local)!);
    expect(isTrusted({ origin: local, notebook: {}, hash: "sha256:4" }, page, memory)).toBe(false);
    memory.release(trustRef(local)!);
    expect(isTrusted({ origin: local, notebook: {}, hash: "sha256:4" }, page, memory)).toBe(true);
  });
});

describe("describeOrigin: how the gate names where a notebook comes from", () => {
  test("a data: address is named by its kind and size, never spelled out; long URLs are cut", () => {
    const data = `data:text/html;base64,${"A".repeat(5000)}`;
    expect(describeOrigin({ kind: "url", url: data })).toBe("a data: address (5,022 characters)");
    expect(describeOrigin({ kind: "url", url: "blob:http://127.0.0.1:5173/1234" })).toBe("a blob: address (blob:http://127.0.0.1:5173/1234)");
    expect(describeOrigin({ kind: "url", url: `https://example.org/${"x".repeat(300)}` }).length).toBe(158);
  });
});
