// The DOM cells get in Node behaves like a browser's where Observable Inputs depend on it.
import { describe, expect, test } from "vitest";
import { installDomGlobals } from "../../src/runtime/node-host";

installDomGlobals();
const Inputs = await import("@observablehq/inputs");

function input(type: string, attrs: Record<string, string>): HTMLInputElement {
  const el = document.createElement("input");
  el.type = type;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

describe("form validity in the headless DOM", () => {
  test("a range with a decimal step keeps its value (steps are counted with rounding error allowed)", () => {
    expect(Inputs.range([0, 0.1], { step: 0.005, value: 0.05 }).value).toBe(0.05);
    expect(Inputs.range([0, 1], { step: 0.1, value: 0.3 }).value).toBe(0.3);
  });

  test("steps count from min, as in a browser: off the grid is a mismatch, on it is not", () => {
    const off = input("number", { min: "0.001", step: "0.01" });
    off.value = "0.015";
    expect(off.validity.stepMismatch).toBe(true);
    const on = input("number", { min: "0.001", step: "0.01" });
    on.value = "0.021";
    expect(on.validity.stepMismatch).toBe(false);
    const any = input("range", { step: "any" });
    any.value = "0.123";
    expect(any.validity.stepMismatch).toBe(false);
    const whole = input("number", {});
    whole.value = "2.5";
    expect(whole.validity.stepMismatch).toBe(true);
  });
});
