// Every plot kind rendered from explanations of closed-form models and compared with its committed
// snapshot (test/plots/snapshots/NAME.html). Rewrite them deliberately: UPDATE_SNAPSHOTS=1 npx vitest run test/plots
import { beforeAll, describe, expect, test } from "vitest";
import { cases } from "./cases";
import { loadFixtures, type Fixtures } from "./fixtures";
import { expectSnapshot, newDocument, serialise } from "./snapshot";

let f: Fixtures;
beforeAll(async () => { f = await loadFixtures(); });

describe("plots match their snapshots", () => {
  for (const [name, render] of Object.entries(cases)) {
    test(`${name} renders as in snapshots/${name}.html`, () => {
      expectSnapshot(name, render(f, newDocument()));
    });
  }
});

describe("snapshot comparison", () => {
  test.skipIf(!!process.env.UPDATE_SNAPSHOTS)("a missing snapshot fails instead of being created", () => {
    const el = cases["distribution-numeric"](f, newDocument());
    expect(() => expectSnapshot("no-such-plot", el)).toThrow(/no snapshot .*no-such-plot\.html; render it deliberately with UPDATE_SNAPSHOTS=1/);
  });

  test("rendering the same results twice gives the same text", () => {
    const a = serialise(cases["pdp-rashomon-band"](f, newDocument()));
    const b = serialise(cases["pdp-rashomon-band"](f, newDocument()));
    expect(a).toBe(b);
  });
});
