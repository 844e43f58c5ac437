/**
 * Peak memory of a real read: the connector CLI (`main.ts read`) in a child
 * process against a simulator in another, with `/proc/<pid>/status` polled
 * while it runs. `VmHWM` is the kernel's high-water mark of the resident set,
 * so sampling cannot miss the peak; the last sample before exit is kept.
 *
 * @module
 */
import { runArgs, V8_FLAGS } from "../scripts/compile.ts";
import type { JsonObject } from "../protocol/messages.ts";
import { catalogOf, configFor } from "../tests/_helpers.ts";
import { type SimulatorFlags, type SimulatorTotals, spawnSimulator } from "./_sim_process.ts";

const MAIN = new URL("../main.ts", import.meta.url).pathname;

/** What one read cost. */
export interface MemoryFigures {
  messages: number;
  /** Peak resident set (VmHWM), bytes. */
  peakRss: number;
  /** Lines the connector printed. */
  lines: number;
  wallMs: number;
  exitCode: number;
}

/** Peak resident set (VmHWM) of a process, in bytes, or undefined once it is gone. */
async function peakResidentSet(pid: number): Promise<number | undefined> {
  let status: string;
  try {
    status = await Deno.readTextFile(`/proc/${pid}/status`);
  } catch (error) {
    // Gone: no such file, or (while it exits) no such process.
    if (error instanceof Deno.errors.NotFound || (error as { code?: string }).code === "ESRCH") {
      return undefined;
    }
    throw error;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  const hwm = kb("VmHWM");
  return Number.isFinite(hwm) ? hwm * 1024 : undefined;
}

/**
 * The V8 flags the CLI is measured with: the ones the binary ships with, or
 * `BENCH_V8_FLAGS` (comma-separated; empty for V8's defaults).
 */
export const MEASURED_V8_FLAGS: readonly string[] = Deno.env.get("BENCH_V8_FLAGS")
  ?.split(",").filter((f) => f !== "") ?? V8_FLAGS;

/** What one CLI read of a simulator in another process cost. */
export interface CliFigures {
  /** Peak resident set (VmHWM), bytes. */
  peakRss: number;
  /** Lines the connector printed. */
  lines: number;
  /** RECORD lines among them (counted only when asked). */
  records: number;
  /** STATE lines among them and their characters (counted only when asked). */
  states: { lines: number; chars: number };
  /** Characters printed (counted only when asked). */
  chars: number;
  wallMs: number;
  exitCode: number;
  /** The simulator's counters once the read ended. */
  totals: SimulatorTotals | undefined;
}

/** What {@linkcode measureCli} runs. */
export interface CliRun {
  /** Options of the simulator CLI. */
  readonly flags: SimulatorFlags;
  readonly streams: readonly string[];
  /** Default: {@linkcode MEASURED_V8_FLAGS}. */
  readonly v8Flags?: readonly string[];
  /** Decode the output to count RECORD and STATE lines (costs the bench's process some CPU). */
  readonly countRecords?: boolean;
  /** Config fields over {@linkcode configFor}'s. */
  readonly config?: JsonObject;
}

const RECORD = '{"type":"RECORD"';
const STATE = '{"type":"STATE"';

/**
 * Runs `main.ts read` of `streams` against a simulator started with `flags`,
 * polling the CLI's VmHWM while it runs.
 */
export async function measureCli(run: CliRun): Promise<CliFigures> {
  const sim = await spawnSimulator(run.flags);
  const dir = await Deno.makeTempDir({ prefix: "twilio-source-bench-" });
  try {
    const config = `${dir}/config.json`;
    const catalog = `${dir}/catalog.json`;
    await Deno.writeTextFile(config, JSON.stringify(configFor(sim, run.config)));
    await Deno.writeTextFile(catalog, JSON.stringify(catalogOf(run.streams)));
    const started = performance.now();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        ...runArgs(MAIN, run.v8Flags ?? MEASURED_V8_FLAGS),
        "read",
        "--config",
        config,
        "--catalog",
        catalog,
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    let peakRss = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        peakRss = Math.max(peakRss, await peakResidentSet(child.pid) ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    let lines = 0;
    let records = 0;
    let chars = 0;
    const states = { lines: 0, chars: 0 };
    if (run.countRecords) {
      let tail = "";
      for await (const text of child.stdout.pipeThrough(new TextDecoderStream())) {
        chars += text.length;
        const parts = (tail + text).split("\n");
        tail = parts.pop() ?? "";
        lines += parts.length;
        for (const line of parts) {
          if (line.startsWith(RECORD)) records++;
          else if (line.startsWith(STATE)) {
            states.lines++;
            states.chars += line.length;
          }
        }
      }
    } else {
      for await (const chunk of child.stdout) {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      }
    }
    // stdout is closed: the connector is exiting. Take a last sample while /proc still has it.
    peakRss = Math.max(peakRss, await peakResidentSet(child.pid) ?? 0);
    const status = await child.status;
    const wallMs = performance.now() - started;
    polling = false;
    await poll;
    const totals = await sim.close();
    return { peakRss, lines, records, states, chars, wallMs, exitCode: status.code, totals };
  } finally {
    await sim.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Reads the `messages` stream of a simulator holding `messages` records in one
 * account, with `v8Flags` (default: {@linkcode MEASURED_V8_FLAGS}).
 */
export async function measureRead(
  messages: number,
  v8Flags: readonly string[] = MEASURED_V8_FLAGS,
): Promise<MemoryFigures> {
  const run = await measureCli({
    flags: { seed: 6, subaccounts: 0, messages },
    streams: ["messages"],
    v8Flags,
  });
  return { messages, ...run };
}
