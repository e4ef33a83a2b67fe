// The published site the browser tests read: one `crossexam build` of the publish demo and hello.html,
// made once per run and shared by the files that read it (publish.test.ts, explore-published.test.ts;
// in `npm test` they run in one module graph, all.e2e.ts). A production build takes 10–20 s of both
// cores; neither file writes into the site.
import { join } from "node:path";
import { buildSite, type BuildReport } from "../../src/publish/build-site";
import { scratchDir } from "../scratch-dir";

export const SITE_NOTEBOOKS = ["test/fixtures/notebooks/publish-demo.html", "notebooks/hello.html"];

let built: Promise<BuildReport> | undefined;

/** The site, built on first call (into a scratch folder removed when the test file is done). */
export function publishedSite(): Promise<BuildReport> {
  built ??= buildSite({ root: ".", outDir: join(scratchDir("cx-site-"), "dist"), notebooks: SITE_NOTEBOOKS });
  return built;
}
