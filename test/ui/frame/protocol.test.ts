import { describe, expect, test } from "vitest";
import { frameUrl, isMessage, onFrameOrigin, shellOrigin } from "../../../src/ui/frame/protocol";
import { RunJournal } from "../../../src/ui/frame/run-journal";

describe("frameUrl / shellOrigin: the two origins", () => {
  test("on the dev server the frame is on the other loopback name, same port, and accepts only the shell's origin", () => {
    const frame = frameUrl(new URL("http://127.0.0.1:5173/notebook.html?path=notebooks/a.html"), true);
    expect(frame.href).toBe("http://localhost:5173/frame.html");
    expect(shellOrigin(frame, true)).toBe("http://127.0.0.1:5173");
  });
  test("on a static site (one origin) the frame is the site's own frame.html, relative to the page", () => {
    const frame = frameUrl(new URL("https://example.org/site/view.html?path=x"), false);
    expect(frame.href).toBe("https://example.org/site/frame.html");
    expect(shellOrigin(frame, false)).toBe("https://example.org");
  });
  test("onFrameOrigin moves the shell's URLs (data files) to the frame's origin and leaves other hosts alone", () => {
    const shell = new URL("http://127.0.0.1:5173/");
    const frame = new URL("http://localhost:5173/frame.html");
    expect(onFrameOrigin(new URL("http://127.0.0.1:5173/notebooks/a.html"), shell, frame).href).toBe("http://localhost:5173/notebooks/a.html");
    expect(onFrameOrigin(new URL("https://data.example/x.html"), shell, frame).href).toBe("https://data.example/x.html");
  });
  test("isMessage accepts only this protocol's messages of the types asked for", () => {
    expect(isMessage({ cx: 1, type: "ping", seq: 1 }, ["ping"])).toBe(true);
    expect(isMessage({ cx: 1, type: "save" }, ["ping"])).toBe(false);
    expect(isMessage({ type: "ping" }, ["ping"])).toBe(false);
    expect(isMessage("ping", ["ping"])).toBe(false);
    expect(isMessage(null, ["ping"])).toBe(false);
  });
});

describe("RunJournal: runs that did not finish", () => {
  const store = () => { const data = new Map<string, string>(); return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) }; };
  test("a started run is unfinished until it finishes; a run it supersedes is dropped", () => {
    const journal = new RunJournal(store());
    journal.started("sha256:a");
    expect(journal.unfinished("sha256:a")).toBe(true);
    journal.started("sha256:b", "sha256:a");
    expect(journal.unfinished("sha256:a")).toBe(false);
    expect(journal.unfinished("sha256:b")).toBe(true);
    journal.finished("sha256:b");
    expect(journal.unfinished("sha256:b")).toBe(false);
  });
  test("damaged storage holds nothing back", () => {
    const s = store();
    s.setItem("crossexam:unfinished-runs", "{oops");
    expect(new RunJournal(s).unfinished("sha256:a")).toBe(false);
  });
});
