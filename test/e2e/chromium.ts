// Finding the browser for end-to-end tests: Debian's Chromium, or CHROMIUM_PATH.
import { existsSync } from "node:fs";

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p));
}

export const MISSING_CHROMIUM =
  "Chromium not found (looked at $CHROMIUM_PATH, /usr/bin/chromium): browser tests are skipped. " +
  "Install it with `apt-get install -y chromium`, or point CHROMIUM_PATH at a Chromium binary.";

export const LAUNCH_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];
