// The panel grid's speed in headless Chromium (a child process of bench/run.ts): starts the Vite
// dev server, opens bench/pages/panel-grid.html, and prints the page's timings as JSON.
import { chromium } from "playwright-core";
import { parseArgs } from "node:util";
import { startDevServer } from "../test/e2e/global-setup";
import { chromiumPath, LAUNCH_ARGS } from "../test/e2e/chromium";
import { FRAME_HOSTNAME } from "../src/server/request-guard";

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
    // on the notebook frame's origin: the shell's origin serves any page but its own inert (sandboxed)
    const url = new URL("bench/pages/panel-grid.html", server.url);
    url.hostname = FRAME_HOSTNAME;
    await page.goto(url.href);
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
