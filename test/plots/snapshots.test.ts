// Every plot kind rendered from explanations of closed-form models and compared with its committed
// snapshot (test/plots/snapshots/NAME.html). Rewrite them deliberately: UPDATE_SNAPSHOTS=1 npx vitest run test/plots
import { beforeAll, describe, test } from "vitest";
import { cases } from "./cases";
import { loadFixtures, type Fixtures } from "./fixtures";
import { expectSnapshot, newDocument } from "./snapshot";

let f: Fixtures;
beforeAll(async () => { f = await loadFixtures(); });

describe("plots match their snapshots", () => {
  for (const [name, render] of Object.entries(cases)) {
    test(`${name} renders as in snapshots/${name}.html`, () => {
      expectSnapshot(name, render(f, newDocument()));
    });
  }
});
