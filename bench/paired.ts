// Timing ours against a reference on a shared, loaded machine: both sides run as long-lived child
// processes that time one call per request (explain-server.ts, reference_explain.py --serve), and
// the calls alternate — ours, theirs, theirs, ours, … — so that both see the same load. Each round
// gives one paired ratio (reference ms ÷ our ms); the median over rounds is the figure reported.
import { spawn, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";

/** A child process speaking the line protocol: one JSON line when ready, then one answer per task line. */
export class TaskServer {
  private readonly child: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  ready!: any;

  constructor(command: string, args: string[], cwd: string) {
    this.child = spawn(command, args, { cwd, stdio: ["pipe", "pipe", "inherit"] });
    this.lines = createInterface({ input: this.child.stdout! })[Symbol.asyncIterator]();
  }

  private async next(): Promise<any> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error("the benchmark process ended early (see its messages above)");
    return JSON.parse(value);
  }

  async start(): Promise<this> {
    this.ready = await this.next();
    return this;
  }

  /** Milliseconds of one call of `task` (and the evaluations it reports). */
  async time(task: string): Promise<{ ms: number; evaluations?: number; firstMs?: number }> {
    this.child.stdin!.write(`${task}\n`);
    const answer = await this.next();
    if (answer.error) throw new Error(answer.error);
    return answer;
  }

  close(): void {
    this.child.stdin!.end();
  }
}

export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Paired {
  ours: number[];
  theirs: number[];
  /** theirs ÷ ours per round: above 1 we are faster */
  ratios: number[];
  evaluations?: number;
  /** our first, cold call (before the warm-up's others), when the server reports it */
  firstMs?: number;
  /** 1-minute load average at the start and the end */
  load: [number, number];
}

/** `rounds` alternating calls of our task and the reference's; the order flips every round. */
export async function paired(ours: TaskServer, oursTask: string, theirs: TaskServer, theirsTask: string, rounds: number): Promise<Paired> {
  const out: Paired = { ours: [], theirs: [], ratios: [], load: [loadavg()[0], 0] };
  for (let i = 0; i < rounds; i++) {
    let a: number, b: number;
    if (i % 2 === 0) {
      const o = await ours.time(oursTask); a = o.ms; out.evaluations = o.evaluations; out.firstMs ??= o.firstMs;
      b = (await theirs.time(theirsTask)).ms;
    } else {
      b = (await theirs.time(theirsTask)).ms;
      const o = await ours.time(oursTask); a = o.ms; out.evaluations = o.evaluations;
    }
    out.ours.push(a);
    out.theirs.push(b);
    out.ratios.push(b / a);
  }
  out.load[1] = loadavg()[0];
  return out;
}

/** Medians of `rounds` calls of one task, no reference. */
export async function alone(server: TaskServer, task: string, rounds: number): Promise<{ ms: number[]; evaluations?: number }> {
  const ms: number[] = [];
  let evaluations: number | undefined;
  for (let i = 0; i < rounds; i++) { const r = await server.time(task); ms.push(r.ms); evaluations = r.evaluations; }
  return { ms, evaluations };
}
