import { describe, expect, test } from "vitest";
import { isOwn, TrustMemory, type KeyValueStore } from "../../../src/ui/fork/trust";

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
