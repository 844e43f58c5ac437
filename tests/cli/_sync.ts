/**
 * Helpers of the `sync` CLI tests: a temporary sync folder, its files as
 * records, and conditions on them to stop a run at.
 *
 * @module
 */
import { ok } from "node:assert/strict";
import { type CheckedRun, cli, type CliOptions } from "./_cli.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import type { Simulator } from "../../simulator/mod.ts";

/** A temporary folder, removed on dispose. */
export async function tempFolder(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "twilio-source-sync-test-" });
  return { path, [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }) };
}

/** The records of a `.jsonl` file (none when it does not exist). */
export async function jsonLines(path: string): Promise<JsonObject[]> {
  const text = await Deno.readTextFile(path).catch((error) => {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  });
  ok(text === "" || text.endsWith("\n"), `${path} ends mid-line`);
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
}

/** The size of a file, 0 when it does not exist. */
export async function sizeOf(path: string): Promise<number> {
  return (await Deno.stat(path).catch(() => ({ size: 0 }))).size;
}

/** Runs `sync --config @config --dir dir ...extra` against `sim`. */
export async function syncCli(
  sim: Simulator,
  config: JsonObject,
  dir: string,
  extra: readonly string[] = [],
  options: CliOptions & { files?: Record<string, unknown> } = {},
): Promise<CheckedRun> {
  const { files = {}, ...cliOptions } = options;
  return await cli(["sync", "--config", "@config", "--dir", dir, ...extra], {
    config,
    ...files,
  }, { secrets: [sim.authToken], ...cliOptions });
}

/** Asserts that no file of `dir` (records, state, summary) holds the simulator's auth token. */
export async function assertNoSecretIn(dir: string, sim: Simulator): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile) continue;
    const text = await Deno.readTextFile(`${dir}/${entry.name}`);
    ok(!text.includes(sim.authToken), `${entry.name} holds the auth token`);
  }
}
