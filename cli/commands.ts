/**
 * The CLI commands: each reads its files, calls the library, writes protocol
 * lines to stdout and returns the exit code.
 *
 * @module
 */
import { isBrokenPipe, pipeToStdout, readJsonFile, traceOf, writeMessages } from "./io.ts";
import { Progress } from "./progress.ts";
import { check, discover, readRun, spec } from "../source.ts";
import { connectionStatusMessage } from "../protocol/messages.ts";
import { secretsOf } from "../protocol/config.ts";

/** Arguments of a command. */
export interface CommandArgs {
  config?: string | undefined;
  catalog?: string | undefined;
  state?: string | undefined;
  debug?: boolean;
  /** Stops a read (signals). */
  signal?: AbortSignal;
}

/** `spec`. */
export async function specCommand(): Promise<number> {
  await writeMessages([spec()]);
  return 0;
}

/** `check --config F`: a bad config or unreachable host is a FAILED status, exit 0. */
export async function checkCommand(args: CommandArgs): Promise<number> {
  let raw: unknown;
  try {
    raw = await readJsonFile(args.config!, "config");
  } catch (error) {
    await writeMessages([connectionStatusMessage(false, (error as Error).message)]);
    return 0;
  }
  await writeMessages([await check(raw)], secretsOf(raw));
  return 0;
}

/** `discover --config F`. */
export async function discoverCommand(args: CommandArgs): Promise<number> {
  let raw: unknown;
  try {
    raw = await readJsonFile(args.config!, "config");
    await writeMessages([discover(raw)], secretsOf(raw));
    return 0;
  } catch (error) {
    await writeMessages([traceOf(error, !!args.debug)], secretsOf(raw));
    return 1;
  }
}

/** `read --config F --catalog F [--state F]`: exit 1 when any stream failed. */
export async function readCommand(args: CommandArgs): Promise<number> {
  let raw: unknown;
  const progress = new Progress();
  try {
    raw = await readJsonFile(args.config!, "config");
    const catalog = await readJsonFile(args.catalog!, "catalog");
    const state = args.state === undefined ? undefined : await readJsonFile(args.state, "state");
    const run = readRun(raw, catalog, {
      state,
      ...(args.signal ? { signal: args.signal } : {}),
      onHttpEvent: progress.http,
      onAccounts: progress.accounts,
    });
    const batches = run.readable.pipeThrough(progress.tap());
    const open = await pipeToStdout(batches, secretsOf(raw), run.secrets);
    if (!open) return 0;
    await run.outcome;
  } catch (error) {
    if (isBrokenPipe(error)) return 0;
    await writeMessages([traceOf(error, !!args.debug)], secretsOf(raw)).catch(() => {});
    return 1;
  } finally {
    progress.finish();
  }
  return progress.failed || args.signal?.aborted ? 1 : 0;
}
