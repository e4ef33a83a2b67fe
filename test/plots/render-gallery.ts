// Renders every plot case into one HTML page and screenshots it in headless Chromium, to LOOK at
// the plots: `npx tsx test/plots/render-gallery.ts [out.png]` (default /tmp/plots.png).
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { cases } from "./cases";
import { loadFixtures } from "./fixtures";
import { newDocument } from "./snapshot";

const out = process.argv[2] ?? "/tmp/plots.png";
const only = process.argv[3];
const f = await loadFixtures();
const doc = newDocument();
const panels = Object.entries(cases)
  .filter(([name]) => !only || name.includes(only))
  .map(([name, render]) => `<section><p class="name">${name}</p>${render(f, doc).outerHTML}</section>`);
const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: system-ui, sans-serif; margin: 12px; display: grid; grid-template-columns: repeat(2, 660px); gap: 16px; }
section { border: 1px solid #ddd; padding: 6px; } .name { color: #a00; font: 11px monospace; margin: 0; }
h2 { font-size: 16px; margin: 4px 0; } h3 { font-size: 12px; font-weight: normal; color: #555; margin: 2px 0 6px; }
</style></head><body>${panels.join("\n")}</body></html>`;
const htmlFile = out.replace(/\.png$/, ".html");
writeFileSync(htmlFile, html);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 1380, height: 800 } });
await page.goto(`file://${htmlFile}`);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out} (${panels.length} plots)`);
