// Trust and the browser, end to end against the real dev server in Chromium: notebook code runs
// in a frame on another origin and can never write (the hostile link of issue 11); everything
// from elsewhere waits behind one gate that shows source as text; a fork inherits its source's
// trust; a compare page gates parent and fork together; a hung notebook never hangs the shell,
// and a draft whose run did not finish is restored without running.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { contentHash } from "../../src/notebook/hash";
import { serveStatic, type StaticServer } from "../../src/publish/static-server";
import { chromiumExecutable, devServer, launch, screenshot } from "./browser";

const created: string[] = [];
const tag = () => randomBytes(4).toString("hex");

function notebookText(title: string, cells: [number, string, string][], attributes = ""): string {
  const scripts = cells.map(([id, type, value]) => `  <script id="${id}" type="${type}">\n${value}\n  </script>`).join("\n");
  return `<!doctype html>\n<notebook theme="air"${attributes}>\n  <title>${title}</title>\n${scripts}\n</notebook>\n`;
}

async function scratch(name: string, text: string): Promise<string> {
  const path = `notebooks/${name}.html`;
  await writeFile(path, text);
  created.push(path);
  return path;
}

const exists = (path: string) => stat(path).then(() => true, () => false);
const LONG = { timeout: 60_000 };
const frame = (page: Page) => page.frameLocator("iframe.cx-frame");

/**
 * The hostile notebook of issue 11, point 2: its first cell tries every way to the write routes —
 * relative (its own origin), the shell's absolute origin, with whatever token it can find — to
 * overwrite `victim` and create `planted`; its Markdown and HTML cells carry an <img onerror>.
 */
function hostileNotebook(victim: string, planted: string, shell: string): string {
  const attack = `const tries = await (async () => {
  const evil = '<!doctype html><notebook><title>pwned</title><script id="1" type="module">"pwned"</' + 'script></notebook>';
  const hash = async (t) => "sha256:" + [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(t)))].map((b) => b.toString(16).padStart(2, "0")).join("");
  const out = [];
  for (const base of [new URL("/", location.href).href, "${shell}"]) {
    const token = await fetch(base + "api/session").then((r) => r.json()).then((j) => j.token ?? "", () => "");
    const text = await fetch(base + "${victim}").then((r) => r.text(), () => "");
    const headers = { "Content-Type": "application/json", "X-Crossexam-Token": token };
    const send = (route, body) => fetch(base + "api/notebooks/" + route, { method: "POST", headers, body: JSON.stringify(body) }).then((r) => r.status, () => "blocked");
    out.push(await send("save", { path: "${victim}", text: evil, baseHash: await hash(text) }));
    out.push(await send("create", { name: "${planted}", text: evil }));
  }
  return out;
})();`;
  return notebookText("Innocent", [
    [1, "module", attack],
    [2, "module", "tries.join(' ')"],
    [3, "text/markdown", "# Hello\n\n<img src=x onerror=\"document.title='md-fired'\">"],
    [4, "text/html", "<img src=y onerror=\"document.title='html-fired'\">"],
  ]);
}

const dataUrl = (text: string) => `data:text/html;base64,${Buffer.from(text).toString("base64")}`;

let browser: Browser;
let context: BrowserContext;
let other: StaticServer;
let otherFolder: string;

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: "domcontentloaded" });
  return { page, errors };
}

describe.skipIf(!chromiumExecutable)("trust and the notebook frame (dev server, Chromium)", () => {
  beforeAll(async () => {
    browser = await launch();
    // "another host" that allows cross-origin reads (as a notebook host must)
    otherFolder = await mkdtemp(join(tmpdir(), "cx-other-host-"));
    other = await serveStatic(otherFolder, { headers: { "Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin" } });
  });
  afterAll(async () => {
    await browser?.close();
    await other?.close();
    await rm(otherFolder, { recursive: true, force: true });
  });
  afterEach(async () => {
    await context?.close();
    for (const path of created.splice(0)) await rm(path, { force: true });
  });
  const fresh = async () => { context = await browser.newContext({ viewport: { width: 1100, height: 900 } }); };

  test("the hostile data: link cannot overwrite a notebook or plant one, before or after Trust; nothing renders as HTML before Trust", async () => {
    await fresh();
    const id = tag();
    const victimText = notebookText("Victim", [[1, "module", "1 + 1"]]);
    const victim = await scratch(`zz-trust-victim-${id}`, victimText);
    const planted = `zz-trust-planted-${id}`;
    created.push(`notebooks/${planted}.html`);
    const link = `${devServer}notebook.html?path=${encodeURIComponent(dataUrl(hostileNotebook(victim, planted, devServer)))}`;
    expect(link.length).toBeLessThan(4000);
    const { page, errors } = await open(link);

    const gate = page.locator("cx-trust-gate");
    await expect.poll(() => gate.textContent(), LONG).toMatch(/nothing has run/);
    // every cell is listed as text, the <img onerror> too; no frame, no image, nothing fired
    const listed = (await gate.locator("pre").allTextContents()).join("\n");
    expect(listed).toContain("api/notebooks/");
    expect(listed).toContain("<img src=x onerror");
    expect(listed).toContain("<img src=y onerror");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("iframe").count()).toBe(0);
    await page.waitForTimeout(500);
    expect(await page.title()).not.toMatch(/fired/);
    expect(await readFile(victim, "utf8")).toBe(victimText);
    expect(await exists(`notebooks/${planted}.html`)).toBe(false);
    await screenshot(page, "trust-gate");

    // trusted, it runs — in the frame, on another origin — and every write is refused
    await gate.locator("button.cx-trust-run").click();
    const result = frame(page).locator("section[data-cell-id='2'] .cx-output");
    await expect.poll(() => result.textContent(), LONG).toMatch(/^"?(403|blocked)( (403|blocked)){3}"?$/);
    expect(await readFile(victim, "utf8")).toBe(victimText);
    expect(await exists(`notebooks/${planted}.html`)).toBe(false);
    // the frame rendered its Markdown and HTML, inside the frame only: the shell is untouched
    expect(await page.title()).not.toMatch(/fired/);
    expect(await page.locator("img").count()).toBe(0);
    expect(new URL(page.frames()[1].url()).hostname).toBe("localhost");
    expect(errors).toEqual([]);
  });

  test("a notebook on another host (?path=http://other/…) and one from a blob: URL wait behind the gate", async () => {
    await fresh();
    await writeFile(join(otherFolder, "remote.html"), notebookText("Remote", [[1, "module", "document.title = 'ran'"], [2, "text/markdown", "*remote prose*"]]));
    const { page } = await open(`${devServer}notebook.html?path=${encodeURIComponent(`${other.url}remote.html`)}`);
    const gate = page.locator("cx-trust-gate");
    await expect.poll(() => gate.textContent(), LONG).toContain(`comes from ${other.url}remote.html`);
    expect(await gate.locator("pre").allTextContents()).toContain("*remote prose*");
    expect(await page.locator("iframe").count()).toBe(0);
    expect(await page.title()).not.toBe("ran");

    // a blob: URL lives as long as the page that made it: that page stays open
    const blob = await page.evaluate((text) => URL.createObjectURL(new Blob([text], { type: "text/html" })), notebookText("Blob", [[1, "module", "document.title = 'ran'"]]));
    const second = await open(`${devServer}notebook.html?path=${encodeURIComponent(blob)}`);
    await expect.poll(() => second.page.locator("cx-trust-gate").textContent(), LONG).toContain("nothing has run");
    expect(await second.page.locator("iframe").count()).toBe(0);
    expect(await second.page.title()).not.toBe("ran");
  });

  test("Fork of an untrusted share link opens behind the gate: the fork inherits its source's trust", async () => {
    await fresh();
    const text = notebookText(`Shared ${tag()}`, [[1, "module", "document.title = 'ran';"], [2, "module", "42"]]);
    const { encodeShare } = await import("../../src/ui/fork/share-link");
    const { page } = await open(`${devServer}view.html#${await encodeShare({ kind: "notebook", text })}`);
    await page.locator("cx-trust-gate").waitFor();
    await page.locator("button.cx-fork").click();
    await page.waitForURL(/notebook\.html\?path=notebooks%2F/);
    created.push(new URL(page.url()).searchParams.get("path")!);
    const gate = page.locator("cx-trust-gate");
    await expect.poll(() => gate.textContent(), LONG).toContain("nothing has run");
    expect(await page.locator("iframe").count()).toBe(0);
    expect(await page.title()).not.toBe("ran");
    // trusting it runs it (and is remembered for its content)
    await gate.locator("button.cx-trust-run").click();
    await expect.poll(() => frame(page).locator("section[data-cell-id='2'] .cx-output").textContent(), LONG).toBe("42");
  });

  test("compare.html for a fork whose parent is on another host lists the parent's cells and the fork's at the gate, and runs neither before Trust", async () => {
    await fresh();
    const parentText = notebookText("Parent", [[1, "module", "const secret = 'parent-only-code';"], [2, "module", "secret"]]);
    await writeFile(join(otherFolder, "parent.html"), parentText);
    const lineage = ` fork-of="${other.url}parent.html" fork-hash="${await contentHash(parentText)}" forked-at="2026-12-01T00:00:00.000Z"`;
    const forkPath = await scratch(`zz-trust-fork-${tag()}`, notebookText("Fork", [[1, "module", "const secret = 'fork-code';"], [2, "module", "secret"]], lineage));
    const { page } = await open(`${devServer}compare.html?path=${encodeURIComponent(forkPath)}`);
    const gate = page.locator("cx-trust-gate");
    await expect.poll(() => gate.textContent(), LONG).toContain("nothing has run");
    expect((await gate.locator("[data-role=parent] pre").allTextContents()).join("\n")).toContain("parent-only-code");
    expect((await gate.locator("[data-role=fork] pre").allTextContents()).join("\n")).toContain("fork-code");
    expect(await page.locator("iframe").count()).toBe(0);
    await gate.locator("button.cx-trust-run").click();
    // both ran: the cell downstream of the changed one shows the parent's value beside the fork's
    const downstream = frame(page).locator("section.cx-change[data-change=downstream][data-cell-id='2']");
    await expect.poll(() => downstream.locator(".cx-parent .cx-output").textContent(), LONG).toContain("parent-only-code");
    await expect.poll(() => downstream.locator(".cx-fork .cx-output").textContent(), LONG).toContain("fork-code");
    await screenshot(page, "trust-compare");
  });

  test("a cell that loops forever does not hang the shell; its draft is restored without running, with Run, and Discard works", async () => {
    await fresh();
    const path = await scratch(`zz-trust-loop-${tag()}`, notebookText("Loop", [[1, "module", "const a = 1;"], [2, "module", "a + 1"]]));
    const { page } = await open(`${devServer}notebook.html?path=${encodeURIComponent(path)}`);
    const cell2 = frame(page).locator("section[data-cell-id='2']");
    await expect.poll(() => cell2.locator(".cx-output").textContent(), LONG).toBe("2");
    await cell2.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+a");
    // the loop starts a moment after the run, once the key presses are delivered (Playwright waits
    // for the frame to acknowledge each key, and a frame in a loop acknowledges nothing)
    await page.keyboard.type("await new Promise((r) => setTimeout(r, 1500)); while (true) {}");
    await page.keyboard.press("Shift+Enter");
    // the shell notices the frame stopped answering, and stays usable
    const hung = page.locator(".cx-hung");
    await hung.waitFor({ timeout: 20_000 });
    expect(await page.locator(".cx-unsaved").isVisible()).toBe(true);
    await hung.locator("button.cx-stop").click();
    await page.locator(".cx-held").waitFor();
    await screenshot(page, "trust-stopped");
    await page.close();

    // reopened: the draft (with the loop) is restored, not run
    const again = await open(`${devServer}notebook.html?path=${encodeURIComponent(path)}`);
    const notice = again.page.locator(".cx-restored");
    await expect.poll(() => notice.textContent(), LONG).toMatch(/They were not run: their last run did not finish/);
    await again.page.locator(".cx-held button.cx-run-held").waitFor();
    await expect.poll(() => frame(again.page).locator("section[data-cell-id='2'] .cm-content").textContent(), LONG).toContain("while (true) {}");
    expect(await frame(again.page).locator("section[data-cell-id='2']").getAttribute("data-status")).toBe("pending");
    await screenshot(again.page, "trust-restored-held");
    await notice.locator("button.cx-discard").click({ timeout: 5000 });
    await expect.poll(() => frame(again.page).locator("section[data-cell-id='2'] .cx-output").textContent(), LONG).toBe("2");
    expect(await again.page.locator(".cx-held").count()).toBe(0);
  }, 300_000);
});
