// Starts the real Vite dev server once for all browser tests (on 127.0.0.1, a free port),
// after checking that Chromium is there: missing is a failure under CI=true, a skip elsewhere.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { chromiumPath, MISSING_CHROMIUM } from "./chromium";

let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export async function startDevServer(args: string[] = []): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn("node_modules/.bin/vite", ["--port", String(port), "--strictPort", ...args], {
    stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, BROWSER: "none" },
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the dev server exited: ${log}`);
    try {
      const r = await fetch(url);
      if (r.ok) return { url, process: child };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`the dev server did not start within 90 s: ${log}`);
}

// The first page load makes Vite optimise dependencies and reload the page; do that once here
// so that the tests meet a warm server.
async function warmUp(executablePath: string, url: string): Promise<void> {
  const { chromium } = await import("playwright-core");
  const { LAUNCH_ARGS } = await import("./chromium");
  const browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage();
    for (const path of ["", "notebook.html?path=notebooks/hello.html"]) {
      await page.goto(url + path);
      await page.waitForLoadState("networkidle", { timeout: 120_000 });
    }
    // cells run in the notebook frame (another origin: localhost beside 127.0.0.1)
    await page.frameLocator("iframe.cx-frame").locator("cx-cell [data-status=fulfilled]").first().waitFor({ timeout: 120_000 });
  } finally {
    await browser.close();
  }
}

export default async function setup(project: TestProject) {
  const chromium = chromiumPath();
  if (!chromium) {
    if (process.env.CI === "true") throw new Error(`CI=true and ${MISSING_CHROMIUM}`);
    console.warn(`\n⚠ ${MISSING_CHROMIUM}\n`);
    project.provide("chromium", "");
    project.provide("devServer", "");
    return;
  }
  const { url, process: child } = await startDevServer();
  server = child;
  await warmUp(chromium, url);
  project.provide("chromium", chromium);
  project.provide("devServer", url);
  return () => { server?.kill(); };
}

declare module "vitest" {
  export interface ProvidedContext {
    chromium: string;
    devServer: string;
  }
}
