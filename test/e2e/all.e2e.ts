// The whole browser suite as one test file, for `npm test`: its files then run one after another in a
// single vitest worker against the one dev server (they write notebooks and data into the served
// folders, and each drives a Chromium), while the unit files run in the other worker beside it. Vitest
// cannot give one project a single worker and another two in the same run (projects with different
// maxWorkers run one after the other), so the e2e project is this one file; naming e2e files on the
// command line (`npx vitest run --project e2e test/e2e/z.test.ts`) runs them one by one as before.
// See docs/DECISIONS.md, "Suite time on 2 cores".
import.meta.glob("./*.test.ts", { eager: true });
