// The plots built by Chromium itself (served by Vite from src/plots), to check what jsdom cannot:
// labels laid out by a real text engine do not overlap or clip, and hovering a Rashomon band
// names the member model under the pointer.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadFixtures, type Fixtures } from "../plots/fixtures";
import { chromiumExecutable, devServer, launch, openPage } from "./browser";

type Box = { x: number; y: number; width: number; height: number; text: string };

describe.skipIf(!chromiumExecutable)("plots in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let f: Fixtures;
  beforeAll(async () => {
    f = await loadFixtures();
    browser = await launch();
    ({ page, errors } = await openPage(browser, devServer));
    // Vite serves src/plots as modules; a module script (not transformed by vitest) loads them
    await page.addScriptTag({ type: "module", content: 'import * as plots from "/src/plots/index.ts"; window.__plots = plots;' });
    await page.waitForFunction(() => "__plots" in window, undefined, { timeout: 60_000 });
  });
  afterAll(async () => { await browser?.close(); });

  /** Renders `kind(results, options)` in a fresh container, returns the tick-label boxes and the svg's box. */
  async function render(kind: string, results: unknown, options: Record<string, unknown> = {}): Promise<{ labels: Box[]; svg: Box }> {
    return page.evaluate(({ kind, results, options }) => {
      const plots = (window as unknown as { __plots: Record<string, (r: unknown, o: unknown) => Element> }).__plots;
      document.querySelector("#plot-under-test")?.remove();
      const holder = document.createElement("div");
      holder.id = "plot-under-test";
      holder.style.cssText = "position: absolute; left: 0; top: 0; background: white; z-index: 1000;";
      holder.append(plots[kind](results, options));
      document.body.append(holder);
      const box = (e: Element) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent ?? "" }; };
      const svg = holder.querySelector("svg[class^=plot-]")!;
      return { labels: Array.from(holder.querySelectorAll('g[aria-label$="tick label"] text'), box), svg: box(svg) };
    }, { kind, results, options });
  }

  function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
  }

  test.each([
    ["importancePlot", "importanceWide"],
    ["importancePlot", "importancePair"],
    ["shapPlot", "shapWide"],
    ["breakdownPlot", "breakdownWide"],
    ["shapPlot", "shapPair"],
  ] as const)("%s(%s): no two axis labels overlap and none is cut off on the left", async (kind, name) => {
    const { labels, svg } = await render(kind, f[name]);
    expect(labels.length).toBeGreaterThan(3);
    for (const l of labels) expect(l.x, `label "${l.text}" starts left of the plot`).toBeGreaterThanOrEqual(svg.x);
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        expect(overlaps(labels[i], labels[j]), `"${labels[i].text}" overlaps "${labels[j].text}"`).toBe(false);
      }
    }
    expect(errors).toEqual([]);
  });

  test("hovering a Rashomon band shows a tip naming the member model under the pointer", async () => {
    const { svg } = await render("pdpPlot", f.effectsSet.map((e) => e.pdp));
    await page.mouse.move(svg.x + svg.width * 0.8, svg.y + svg.height * 0.5);
    await page.mouse.move(svg.x + svg.width * 0.8 + 2, svg.y + svg.height * 0.5);
    const tip = page.locator('#plot-under-test g[aria-label="tip"] text');
    await tip.first().waitFor({ timeout: 5000 });
    expect(await tip.allTextContents()).toEqual([expect.stringMatching(/rashomon-0\d/)]);
    expect(errors).toEqual([]);
  });
});
