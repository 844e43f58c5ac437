/**
 * Peak memory of a real read: the connector CLI (`main.ts read`) in a child
 * process against a simulator in another, with `/proc/<pid>/status` polled
 * while it runs. `VmHWM` is the kernel's high-water mark of the resident set,
 * so sampling cannot miss the peak; the last sample before exit is kept.
 *
 * @module
 */
import { runArgs, V8_FLAGS } from "../scripts/compile.ts";
import { catalogOf, configFor } from "../tests/_helpers.ts";
import { spawnSimulator } from "./_sim_process.ts";

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

/**
 * Reads the `messages` stream of a simulator holding `messages` records in one
 * account, with `v8Flags` (default: {@linkcode MEASURED_V8_FLAGS}).
 */
export async function measureRead(
  messages: number,
  v8Flags: readonly string[] = MEASURED_V8_FLAGS,
): Promise<MemoryFigures> {
  await using sim = await spawnSimulator({ seed: 6, subaccounts: 0, messages });
  const dir = await Deno.makeTempDir({ prefix: "twilio-source-bench-" });
  try {
    const config = `${dir}/config.json`;
    const catalog = `${dir}/catalog.json`;
    await Deno.writeTextFile(config, JSON.stringify(configFor(sim)));
    await Deno.writeTextFile(catalog, JSON.stringify(catalogOf(["messages"])));
    const started = performance.now();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        ...runArgs(MAIN, v8Flags),
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
    for await (const chunk of child.stdout) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    }
    // stdout is closed: the connector is exiting. Take a last sample while /proc still has it.
    peakRss = Math.max(peakRss, await peakResidentSet(child.pid) ?? 0);
    const status = await child.status;
    polling = false;
    await poll;
    return {
      messages,
      peakRss,
      lines,
      wallMs: performance.now() - started,
      exitCode: status.code,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
