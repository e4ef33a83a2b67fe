import { describe, expect, test } from "vitest";
import { forkFileName } from "../../../src/ui/fork/fork-action";
import { LocalForks } from "../../../src/ui/fork/local-forks";
import { parentUrl } from "../../../src/ui/fork/open-notebook";

describe("forkFileName(parentRef, taken)", () => {
  test("names a fork after its parent's file", () => {
    expect(forkFileName("hello.html")).toBe("hello-fork.html");
    expect(forkFileName("http://example.org/site/notebooks/credit.html?x=1#y")).toBe("credit-fork.html");
  });
  test("skips names already taken, and a fork of a fork does not stack suffixes", () => {
    expect(forkFileName("hello.html", new Set(["hello-fork.html", "hello-fork-2.html"]))).toBe("hello-fork-3.html");
    expect(forkFileName("hello-fork-2.html")).toBe("hello-fork.html");
  });
});

describe("parentUrl(parent, site)", () => {
  const site = new URL("http://127.0.0.1:8000/pub/");
  test("a name relative to notebooks/ resolves into the site's notebooks folder", () => {
    expect(parentUrl("hello.html", site).href).toBe("http://127.0.0.1:8000/pub/notebooks/hello.html");
    expect(parentUrl("notebooks/hello.html", site).href).toBe("http://127.0.0.1:8000/pub/notebooks/hello.html");
  });
  test("an absolute URL stays as written", () => {
    expect(parentUrl("https://example.org/n/x.html", site).href).toBe("https://example.org/n/x.html");
  });
});

describe("LocalForks", () => {
  const store = () => { const m = new Map<string, string>(); return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) }; };
  test("a saved fork is listed with its title and its text read back by key", () => {
    const forks = new LocalForks(store());
    const key = forks.save("Fork of Hello", "<notebook>…</notebook>", new Date("2026-03-04T05:06:07Z"));
    expect(forks.list()).toEqual([{ key, title: "Fork of Hello", savedAt: "2026-03-04T05:06:07.000Z" }]);
    expect(forks.text(key)).toBe("<notebook>…</notebook>");
    expect(forks.text("nope")).toBeNull();
  });
  test("a full storage gives a message that says the fork was only downloaded", () => {
    const forks = new LocalForks({ getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } });
    expect(() => forks.save("t", "x")).toThrow(/storage is full.*downloaded as a file only/);
  });
});
