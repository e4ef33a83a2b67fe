import { describe, expect, test } from "vitest";
import { parseNotebook, serializeNotebook } from "../../../src/notebook/format";
import { forkNotebook } from "../../../src/notebook/fork";
import { nodeDom } from "../../../src/notebook/node-dom";
import type { Notebook } from "../../../src/notebook/types";
import {
  applyChanges, changesOf, decodeShare, encodeShare, fromBase64Url, MAX_SHARE_CHARS, ShareTooLargeError, toBase64Url,
} from "../../../src/ui/fork/share-link";

const parent: Notebook = {
  title: "Credit audit", theme: "air", readOnly: false,
  cells: [
    { id: 1, mode: "md", value: "# Credit audit — ünïcödé ✓", pinned: false, hidden: false },
    { id: 2, mode: "js", value: "const threshold = 0.5;", pinned: true, hidden: false },
    { id: 3, mode: "js", value: "const flagged = scores.filter((s) => s > threshold);", pinned: true, hidden: false },
  ],
};

describe("share links", () => {
  test("encodeShare then decodeShare gives back the notebook text byte for byte", async () => {
    const text = serializeNotebook(parent, nodeDom());
    const fragment = await encodeShare({ kind: "notebook", text });
    expect(fragment).toMatch(/^nb=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(`#${fragment}`)).toEqual({ kind: "notebook", text });
  });

  test("the fragment is compressed: a repetitive notebook encodes to far fewer characters than its text", async () => {
    const text = serializeNotebook({ ...parent, cells: Array.from({ length: 200 }, (_, i) => ({ ...parent.cells[2], id: i + 1 })) }, nodeDom());
    const fragment = await encodeShare({ kind: "notebook", text });
    expect(fragment.length).toBeLessThan(text.length / 10);
  });

  test("a notebook whose link would pass 32 KB is refused with its size and what to do instead", async () => {
    // random text does not compress: ~48 KB of base64 text → ~64 KB of fragment
    const noise = toBase64Url(crypto.getRandomValues(new Uint8Array(36_000)));
    const error = await encodeShare({ kind: "notebook", text: noise }).catch((e) => e);
    expect(error).toBeInstanceOf(ShareTooLargeError);
    expect(error.chars).toBeGreaterThan(MAX_SHARE_CHARS);
    expect(error.message).toMatch(/too large for a link .* KB encoded, the limit is 32 KB.*download/);
  });

  test("a notebook just under the limit is accepted", async () => {
    const noise = toBase64Url(crypto.getRandomValues(new Uint8Array(18_000)));
    const fragment = await encodeShare({ kind: "notebook", text: noise });
    expect(fragment.length).toBeLessThanOrEqual(MAX_SHARE_CHARS);
    expect((await decodeShare(fragment))?.kind).toBe("notebook");
  });

  test("a fragment without a share payload decodes to null; a cut-short one says it is damaged", async () => {
    expect(await decodeShare("#section-2")).toBeNull();
    expect(await decodeShare("")).toBeNull();
    const fragment = await encodeShare({ kind: "notebook", text: serializeNotebook(parent, nodeDom()) });
    await expect(decodeShare(fragment.slice(0, 12))).rejects.toThrow(/damaged/);
  });

  test("base64url round-trips every byte value and uses no +, / or =", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).not.toMatch(/[+/=]/);
    expect(Array.from(fromBase64Url(text))).toEqual(Array.from(bytes));
  });
});

describe("a fork's changes as a link", () => {
  test("changesOf then applyChanges rebuilds the fork from its parent: edited, added, removed and moved cells", async () => {
    const fork = await forkNotebook(parent, "parent text", "credit.html", new Date("2026-01-02T03:04:05Z"));
    fork.cells[1] = { ...fork.cells[1], value: "const threshold = 0.7;" };
    fork.cells.push({ id: 4, mode: "md", value: "Flagged: ${flagged.length}", pinned: false, hidden: false });
    fork.cells = [fork.cells[0], fork.cells[3], fork.cells[1]]; // drop #3, move #4 up
    const changes = changesOf(fork, parent);
    expect(changes.cells.map((c) => c.id).sort()).toEqual([2, 4]); // only what differs travels
    const rebuilt = applyChanges(parent, changes, fork.lineage!.forkedAt);
    expect(rebuilt).toEqual(fork);
    const payload = await decodeShare(await encodeShare({ kind: "changes", changes }));
    expect(payload).toEqual({ kind: "changes", changes });
  });

  test("changes that keep a cell the parent no longer has name the missing cells", async () => {
    const fork = await forkNotebook(parent, "t", "credit.html");
    const changes = changesOf(fork, parent);
    const shrunk = { ...parent, cells: parent.cells.slice(0, 1) };
    expect(() => applyChanges(shrunk, changes, "2026-01-01T00:00:00Z")).toThrow(/no longer has cells #2, #3/);
  });

  test("a notebook without lineage is not a fork: changesOf says to share the whole notebook", () => {
    expect(() => changesOf(parent, parent)).toThrow(/not a fork/);
  });
});

describe("fork lineage", () => {
  test("lineage survives serialize → parse, and the recorded parent hash is the hash of the parent's text", async () => {
    const parentText = serializeNotebook(parent, nodeDom());
    const fork = await forkNotebook(parseNotebook(parentText, nodeDom()), parentText, "http://example.org/notebooks/credit.html", new Date("2026-05-06T07:08:09Z"));
    const again = parseNotebook(serializeNotebook(fork, nodeDom()), nodeDom());
    expect(again.lineage).toEqual({ parent: "http://example.org/notebooks/credit.html", parentHash: fork.lineage!.parentHash, forkedAt: "2026-05-06T07:08:09.000Z" });
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parentText)));
    expect(again.lineage!.parentHash).toBe(`sha256:${Buffer.from(digest).toString("hex")}`);
    expect(again.cells.map((c) => c.id)).toEqual(parent.cells.map((c) => c.id));
  });
});
