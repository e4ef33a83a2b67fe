// Authoring in the browser against the real dev server: typing into CodeMirror cells (in the
// notebook frame), running them, saving through the shell's POST /api/notebooks/save,
// conflicts, and unsaved edits kept over a reload.
// Each test works on its own scratch notebook under notebooks/, removed afterwards.
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { BrowserContext } from "playwright-core";
import { chromiumExecutable, devServer, launch, screenshot } from "./browser";

const created: string[] = [];

function notebookText(title: string, cells: [number, string, string][]): string {
  const scripts = cells.map(([id, type, value]) => `  <script id="${id}" type="${type}">\n    ${value}\n  </script>`).join("\n");
  return `<!doctype html>\n<notebook theme="air">\n  <title>${title}</title>\n${scripts}\n</notebook>\n`;
}

/** A fresh notebook file under notebooks/, deleted after the test. */
async function scratch(cells: [number, string, string][]): Promise<string> {
  const path = `notebooks/zz-authoring-${randomBytes(4).toString("hex")}.html`;
  await writeFile(path, notebookText("Scratch", cells));
  created.push(path);
  return path;
}

const STARTER: [number, string, string][] = [
  [1, "module", "const a = 2;"],
  [2, "module", "a * 10"],
  [3, "module", "\"independent\""],
];

// cells run and render in the notebook frame (another origin); the save bar is the shell's
const nb = (page: Page) => page.frameLocator("iframe.cx-frame");
const cell = (page: Page, id: number) => nb(page).locator(`section[data-cell-id='${id}']`);
const output = (page: Page, id: number) => cell(page, id).locator(".cx-output");

/** Replace a cell's source by typing it, as a person would. */
async function typeInto(page: Page, id: number, text: string): Promise<void> {
  await cell(page, id).locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

// One browser context for the file: its HTTP cache spares every test the cold load of ~140
// modules from the dev server (slow on a busy machine); localStorage keys are per path anyway.
let context: BrowserContext;
const pages: Page[] = [];

async function openNotebook(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  pages.push(page);
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(`${devServer}notebook.html?path=${encodeURIComponent(path)}`, { waitUntil: "domcontentloaded" });
  await nb(page).locator("section.cx-cell[data-status=fulfilled]").first().waitFor();
  return { page, errors };
}

describe.skipIf(!chromiumExecutable)("authoring notebooks in the browser (dev server, Chromium)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  });
  afterAll(async () => { await browser?.close(); });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    for (const path of created.splice(0)) await rm(path, { force: true });
  });

  test("typing into a cell and pressing Shift+Enter re-runs it and its dependents, and leaves other cells alone", async () => {
    const path = await scratch(STARTER);
    const { page, errors } = await openNotebook(path);
    await expect.poll(() => output(page, 2).textContent()).toBe("20");
    await expect.poll(() => output(page, 3).textContent()).toContain("independent");
    // tag the independent cell's output node: if it were re-rendered, the tag would be gone
    await output(page, 3).evaluate((el) => { (el.firstElementChild as HTMLElement).dataset.marker = "kept"; });
    const runsBefore = await cell(page, 3).getAttribute("data-runs");

    await typeInto(page, 1, "const a = 5;");
    await expect.poll(() => cell(page, 1).getAttribute("data-edited")).toBe(""); // marked as edited, not run yet
    expect(await output(page, 2).textContent()).toBe("20");
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => output(page, 2).textContent()).toBe("50");
    expect(await cell(page, 1).getAttribute("data-edited")).toBeNull();
    expect(await cell(page, 3).getAttribute("data-runs")).toBe(runsBefore);
    expect(await output(page, 3).locator("[data-marker=kept]").count()).toBe(1);

    // Ctrl+Enter runs too
    await typeInto(page, 2, "a * 100");
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => output(page, 2).textContent()).toBe("500");
    await screenshot(page, "authoring-run");
    expect(errors).toEqual([]);
  });

  test("a syntax error shows in place with its line and column, and the other cells keep their outputs", async () => {
    const path = await scratch(STARTER);
    const { page } = await openNotebook(path);
    await expect.poll(() => output(page, 2).textContent()).toBe("20");
    await typeInto(page, 2, "a *\n* 2");
    // the editor may indent the continuation line: the error points at the stray `*` wherever it is
    const line2 = (await cell(page, 2).locator(".cm-line").nth(1).textContent())!;
    const column = line2.indexOf("*") + 1;
    expect(column).toBeGreaterThan(0);
    await page.keyboard.press("Shift+Enter");
    const alert = cell(page, 2).locator("[role=alert]");
    await expect.poll(() => alert.textContent()).toMatch(new RegExp(`line 2, column ${column}\\b`));
    await cell(page, 2).locator(".cm-lintRange-error").first().waitFor(); // marked in the editor too
    expect(await cell(page, 1).getAttribute("data-status")).toBe("fulfilled");
    expect(await output(page, 3).textContent()).toContain("independent");
    await screenshot(page, "authoring-syntax-error");

    // fixing it brings the output back
    await typeInto(page, 2, "a * 3");
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => output(page, 2).textContent()).toBe("6");
  });

  test("the add-cell menu inserts a blank cell or a ready-made one, and both run", async () => {
    const path = await scratch(STARTER);
    const { page, errors } = await openNotebook(path);
    await nb(page).locator(".cx-add-end .cx-add-toggle").click();
    await nb(page).locator(".cx-add-end [role=menuitem][data-mode=js]").click();
    // the new cell's editor has the focus: type straight away
    await page.keyboard.type("a + 1");
    await page.keyboard.press("Shift+Enter");
    const last = nb(page).locator("section.cx-cell").last();
    await expect.poll(() => last.locator(".cx-output").textContent()).toBe("3");

    await cell(page, 1).locator("cx-add-cell[where=below] .cx-add-toggle").click();
    await cell(page, 1).locator("[role=menuitem][data-template=range-input]").click();
    const ids = await nb(page).locator("section.cx-cell").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId));
    expect(ids.slice(0, 2)).toEqual(["1", expect.not.stringMatching(/^1$/)]);
    const slider = nb(page).locator(`section[data-cell-id='${ids[1]}'] input[type=range]`);
    await slider.waitFor();
    expect(await nb(page).locator(`section[data-cell-id='${ids[1]}']`).getAttribute("data-status")).toBe("fulfilled");
    await screenshot(page, "authoring-add-cell");
    expect(errors).toEqual([]);
  });

  test("cells move up and down, change mode, and are deleted; saving writes that order to the file", async () => {
    const path = await scratch(STARTER);
    const { page } = await openNotebook(path);
    await cell(page, 3).locator("[aria-label='Move cell up']").click();
    const order = () => nb(page).locator("section.cx-cell").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId));
    expect(await order()).toEqual(["1", "3", "2"]);
    await cell(page, 1).locator("[aria-label='Move cell down']").click();
    expect(await order()).toEqual(["3", "1", "2"]);
    await cell(page, 3).locator("[aria-label='Delete cell']").click();
    expect(await order()).toEqual(["1", "2"]);
    await cell(page, 2).locator("select[aria-label='Cell mode']").selectOption("md");
    await expect.poll(() => output(page, 2).textContent()).toContain("a * 10");
    await page.locator("button.cx-save").click();
    await expect.poll(() => page.locator(".cx-save-status").textContent()).toMatch(/saved at/);
    const text = await readFile(path, "utf8");
    expect(text.indexOf('id="1"')).toBeLessThan(text.indexOf('id="2"'));
    expect(text).not.toContain('id="3"');
    expect(text).toMatch(/<script id="2" type="text\/markdown">/);
  });

  test("saving writes the file; after a reload the edited cell and its output are there", async () => {
    const path = await scratch(STARTER);
    const { page, errors } = await openNotebook(path);
    await typeInto(page, 1, "const a = 7;");
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => page.locator(".cx-unsaved").isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^● /);
    // Ctrl+S inside the notebook frame puts the focus on the shell's Save: Enter saves
    await page.keyboard.press("Control+s");
    await expect.poll(() => page.locator(".cx-save-status").textContent()).toMatch(/press Enter/);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".cx-save-status").textContent()).toMatch(/saved at/);
    expect(await page.locator(".cx-unsaved").isVisible()).toBe(false);
    expect(await readFile(path, "utf8")).toContain("const a = 7;");

    await page.reload({ waitUntil: "domcontentloaded" });
    await expect.poll(() => output(page, 2).textContent()).toBe("70");
    expect(await cell(page, 1).locator(".cm-content").textContent()).toBe("const a = 7;");
    expect(await page.locator(".cx-restored").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test("a change on disk since loading is detected: the save is refused, the file keeps the other version, Save as keeps both", async () => {
    const path = await scratch(STARTER);
    const { page } = await openNotebook(path);
    await typeInto(page, 1, "const a = 3;");
    const theirs = notebookText("Changed elsewhere", STARTER);
    await writeFile(path, theirs);
    await page.locator("button.cx-save").click();
    const conflict = page.locator(".cx-conflict[role=alert]");
    await expect.poll(() => conflict.textContent()).toMatch(/changed on disk since you opened it/);
    expect(await readFile(path, "utf8")).toBe(theirs);
    await screenshot(page, "authoring-conflict");

    await conflict.locator("button.cx-conflict-save-as").click();
    const name = `zz-authoring-copy-${randomBytes(4).toString("hex")}`;
    await page.locator(".cx-save-as-form input").fill(name);
    await page.locator(".cx-save-as-form button[type=submit]").click();
    await page.waitForURL(new RegExp(`path=notebooks%2F${name}\\.html`));
    created.push(`notebooks/${name}.html`);
    expect(await readFile(`notebooks/${name}.html`, "utf8")).toContain("const a = 3;");
    expect(await readFile(path, "utf8")).toBe(theirs);
    await expect.poll(() => output(page, 2).textContent()).toBe("30");
  });

  test("unsaved edits survive a reload (restored with a notice), and Discard returns to the file", async () => {
    const path = await scratch(STARTER);
    const { page } = await openNotebook(path);
    await typeInto(page, 1, "const a = 4;");
    await page.keyboard.press("Shift+Enter");
    await expect.poll(() => output(page, 2).textContent()).toBe("40");

    await page.reload({ waitUntil: "domcontentloaded" });
    const notice = page.locator(".cx-restored");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Restored your unsaved edits/);
    await expect.poll(() => output(page, 2).textContent()).toBe("40");
    expect(await page.locator(".cx-unsaved").isVisible()).toBe(true);
    expect(await readFile(path, "utf8")).toContain("const a = 2;"); // nothing was written
    await screenshot(page, "authoring-restored");

    await notice.locator("button", { hasText: "Discard" }).click();
    await expect.poll(() => output(page, 2).textContent()).toBe("20");
    expect(await page.locator(".cx-unsaved").isVisible()).toBe(false);
    await page.reload({ waitUntil: "domcontentloaded" });
    await expect.poll(() => output(page, 2).textContent()).toBe("20");
    expect(await page.locator(".cx-restored").count()).toBe(0);
  });

  test("a Markdown cell shows its rendering until clicked, then its editor; leaving the editor renders it again", async () => {
    const path = await scratch([[1, "text/markdown", "# Title here"], ...STARTER.slice(0, 2).map(([id, t, v]) => [id + 1, t, v] as [number, string, string])]);
    const { page } = await openNotebook(path);
    const md = cell(page, 1);
    await md.locator(".markdown h1", { hasText: "Title here" }).waitFor();
    expect(await md.locator("cx-cell-editor").count()).toBe(0);
    await md.locator(".cx-output").click();
    await md.locator("cx-cell-editor .cm-content").waitFor();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("## Changed heading");
    await cell(page, 3).locator(".cm-content").click(); // focus leaves the Markdown cell
    await md.locator(".markdown h2", { hasText: "Changed heading" }).waitFor();
    expect(await md.locator("cx-cell-editor").count()).toBe(0);
  });

  test("New notebook on the gallery writes a file named after its title and opens it, running", async () => {
    const suffix = randomBytes(3).toString("hex");
    const title = `Zz: new notebook #${suffix}`;
    const path = `notebooks/zz-new-notebook-${suffix}.html`;
    created.push(path);
    const page = await context.newPage();
    pages.push(page);
    page.setDefaultTimeout(90_000);
    await page.goto(devServer, { waitUntil: "domcontentloaded" });
    await page.locator(".cx-new-notebook input").fill(title);
    await page.locator(".cx-new-notebook button").click();
    await page.waitForURL(/notebook\.html\?path=/);
    await nb(page).locator("section.cx-cell[data-status=fulfilled]").first().waitFor();
    expect(decodeURIComponent(new URL(page.url()).searchParams.get("path")!)).toBe(path);
    expect(await readFile(path, "utf8")).toContain(`<title>${title}</title>`);
    // the same name again is refused, in place, and the file is untouched
    const before = await readFile(path, "utf8");
    await page.goto(devServer, { waitUntil: "domcontentloaded" });
    await page.locator(".cx-new-notebook input").fill(title);
    await page.locator(".cx-new-notebook button").click();
    await expect.poll(() => page.locator(".cx-new-notebook [role=alert]").textContent()).toMatch(/exists already/);
    expect(await readFile(path, "utf8")).toBe(before);
  });
});
