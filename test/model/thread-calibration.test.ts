// The thread decision rule on given timings: more threads must win by a margin, paired round by round.
import { describe, expect, test } from "vitest";
import { batchBucket, decideThreads, ThreadChoices, type ThreadChoice } from "../../src/model/index";

const one = (ms: number[], worker = false) => ({ threads: 1, worker, ms });
const two = (ms: number[]) => ({ threads: 2, worker: true, ms });

describe("batchBucket(rows)", () => {
  test("is the power of 10 at or below the row count", () => {
    expect([0, 1, 9, 10, 999, 1000, 99_999, 100_000, 2_500_000].map(batchBucket)).toEqual([1, 1, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000]);
  });
});

describe("decideThreads(rows, timings, {margin, minRows})", () => {
  test("2 threads win when they are faster than 1 by more than the margin in the median paired round", () => {
    const c = decideThreads(100_000, [one([100, 110, 90]), two([60, 70, 55])]);
    expect(c).toMatchObject({ threads: 2, worker: true, decided: "calibrated", rows: 100_000, bucket: 100_000 });
    expect(c.candidates).toEqual([
      { threads: 1, worker: false, msPerRow: 100 / 100_000 },
      { threads: 2, worker: true, msPerRow: 60 / 100_000 },
    ]);
    expect(c.reason).toMatch(/2 threads in a worker was 1\.6\d× faster than 1 thread in this thread/);
  });

  test("a gain inside the margin keeps 1 thread (noise is not a reason to start threads)", () => {
    const c = decideThreads(10_000, [one([100, 100, 100]), two([95, 93, 96])], { margin: 0.1 });
    expect(c).toMatchObject({ threads: 1, worker: false, decided: "calibrated" });
    expect(c.reason).toMatch(/no candidate beat 1 thread in this thread by 10 %/);
  });

  test("slower threads (a loaded machine) keep 1 thread", () => {
    expect(decideThreads(10_000, [one([50, 52, 49]), two([95, 105, 88])]).threads).toBe(1);
  });

  test("rounds are paired: one lucky round of the candidate does not decide", () => {
    // the candidate's median is lower, but it wins only one of three paired rounds
    const c = decideThreads(10_000, [one([100, 40, 100]), two([30, 90, 95])]);
    expect(c.threads).toBe(1);
  });

  test("batches under minRows stay on 1 thread without timing", () => {
    const c = decideThreads(999, [one([100]), two([1])]);
    expect(c).toMatchObject({ threads: 1, decided: "default", candidates: [] });
    expect(c.reason).toMatch(/under 1000 rows/);
    expect(decideThreads(1, [], { minRows: 1 }).decided).toBe("default");
  });

  test("incomplete or unmeasurable timings give the default, keeping what was measured", () => {
    const c = decideThreads(5000, [one([10, 10]), two([5])]);
    expect(c).toMatchObject({ threads: 1, decided: "default" });
    expect(c.reason).toMatch(/incomplete/);
    expect(decideThreads(5000, [one([10]), two([0])]).decided).toBe("default");
    expect(decideThreads(5000, [one([10]), two([NaN])]).decided).toBe("default");
  });

  test("among several winners the fastest is taken", () => {
    const four = { threads: 4, worker: true, ms: [40, 40, 40] };
    expect(decideThreads(1e6, [one([100, 100, 100]), two([60, 60, 60]), four]).threads).toBe(4);
  });
});

describe("ThreadChoices", () => {
  const choice = (threads: number): ThreadChoice =>
    ({ threads, worker: true, candidates: [], rows: 0, bucket: 1, decided: "calibrated", reason: "" });

  test("calibrates once per (model key, bucket) and shares a decision in progress", async () => {
    const cache = new ThreadChoices();
    let calls = 0;
    const calibrate = async () => choice(++calls);
    const [a, b] = await Promise.all([cache.get("m", 2000, calibrate), cache.get("m", 5000, calibrate)]);
    expect(a).toBe(b);
    expect((await cache.get("m", 20_000, calibrate)).threads).toBe(2);
    expect((await cache.get("other", 2000, calibrate)).threads).toBe(3);
    expect(cache.size).toBe(3);
  });

  test("a settled decision can be read without waiting, and one made elsewhere can be kept", async () => {
    const cache = new ThreadChoices();
    const made = cache.get("m", 2000, async () => choice(2), "mlp");
    expect(cache.has("m", 3000)).toBe(true);
    expect(cache.peek("m", 3000)).toBeUndefined(); // in progress: nothing to read yet
    await made;
    expect(cache.peek("m", 3000)?.threads).toBe(2);
    cache.put("m", 500_000, choice(1), "mlp");
    cache.put("m", 2000, choice(4)); // a decision already made wins
    expect(cache.peek("m", 2000)?.threads).toBe(2);
    expect(cache.peek("m", 10_000)).toBeUndefined();
    expect(cache.decisions().map((d) => [d.model, d.choice.threads])).toEqual([["mlp", 2], ["mlp", 1]]);
    cache.clear();
    expect([cache.has("m", 2000), cache.peek("m", 500_000), cache.decisions()]).toEqual([false, undefined, []]);
  });

  test("a failed calibration is not kept", async () => {
    const cache = new ThreadChoices();
    await expect(cache.get("m", 10, () => Promise.reject(new Error("worker died")))).rejects.toThrow("worker died");
    expect((await cache.get("m", 10, async () => choice(1))).threads).toBe(1);
  });
});
