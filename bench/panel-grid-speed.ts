// The panel grid's speed in headless Chromium (a child process of bench/run.ts): starts the Vite
// dev server, opens bench/pages/panel-grid.html, and prints the page's timings as JSON.
import { chromium } from "playwright-core";
import { parseArgs } from "node:util";
import { startDevServer } from "../test/e2e/global-setup";
import { chromiumPath, LAUNCH_ARGS } from "../test/e2e/chromium";

async function main() {
  const { values } = parseArgs({ options: { rounds: { type: "string" } } });
  const executablePath = chromiumPath();
  if (!executablePath) { process.stdout.write(JSON.stringify({ skipped: "no Chromium" }) + "\n"); return; }
  const server = await startDevServer();
  const browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // the first visit makes Vite optimise dependencies and reload: wait for the page to settle
    await page.goto(`${server.url}bench/pages/panel-grid.html`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", undefined, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", undefined, { timeout: 120_000 });
    const result = await page.evaluate((rounds) => (window as any).benchPanels(rounds), Number(values.rounds ?? 5));
    process.stdout.write(JSON.stringify({ ...result, errors }) + "\n");
  } finally {
    await browser.close();
    server.process.kill();
  }
}

await main();
