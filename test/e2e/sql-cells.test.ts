// A sql cell in the browser: DuckDB's worker build, bundled by Vite from node_modules (no CDN),
// queries a table a js cell defines; moving the input the query reads changes the table it shows.
import { describe, expect, test } from "vitest";
import { chromiumExecutable, screenshot, scratchNotebook } from "./browser";

const NOTEBOOK = `<!doctype html>
<notebook theme="air">
  <title>SQL in the browser</title>
  <script id="1" type="module">
    const people = aq.table({name: ["Ada", "Brook", "Cy", "Dee"], age: [36, 21, 58, 44]});
  </script>
  <script id="2" type="module">
    const minAge = view(Inputs.range([0, 100], {step: 1, value: 30, label: "older than"}));
  </script>
  <script id="3" type="application/sql" output="older">
    SELECT name FROM people WHERE age > \${minAge} ORDER BY name
  </script>
  <script id="4" type="module">
    html\`<p class="count">\${older.numRows()} people</p>\`
  </script>
</notebook>
`;

describe.skipIf(!chromiumExecutable)("sql cells (dev server, Chromium)", () => {
  const notebook = scratchNotebook("sql", NOTEBOOK);

  test("a sql cell shows its result as a table, and re-runs when an input it reads changes", { timeout: 240_000 }, async () => {
    const { page, errors } = await notebook.open();
    page.setDefaultTimeout(120_000);
    const frame = page.frameLocator("iframe.cx-frame");
    const rows = frame.locator("section[data-cell-id='3'] table tbody tr");
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBe(3);
    await expect.poll(() => frame.locator("section[data-cell-id='4'] .count").textContent()).toBe("3 people");
    expect(await frame.locator("section[data-cell-id='3'] table").textContent()).toMatch(/Ada.*Cy.*Dee/);
    await screenshot(page, "sql-before");

    const number = frame.locator("section[data-cell-id='2'] input[type=number]");
    await number.fill("40");
    await number.press("Enter");
    await number.dispatchEvent("input");
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => frame.locator("section[data-cell-id='4'] .count").textContent()).toBe("2 people");
    expect(await frame.locator("section[data-cell-id='3'] table").textContent()).not.toMatch(/Ada/);
    await screenshot(page, "sql-after");
    expect(errors).toEqual([]);
  });
});
