/**
 * Helpers of the CLI tests: a run of `main.ts` that asserts what every run must
 * keep (stdout holds complete protocol lines only; no secret and no stack trace
 * on stdout or stderr), and small views of the parsed output.
 *
 * @module
 */
import { equal, ok } from "node:assert/strict";
import { type CliResult, errorsOf, runCli, type RunCliOptions } from "../_helpers.ts";
import { parseProtocolLines } from "../_protocol.ts";
import type { AirbyteMessage, JsonObject } from "../../protocol/messages.ts";

/** An auth token found nowhere else: no output may contain it, nor any 10-character part of it. */
export const SECRET = "tok-Quokka-Zebra-Mango-7731";

/** A CLI run and its stdout parsed into protocol messages. */
export interface CheckedRun extends CliResult {
  messages: AirbyteMessage[];
}

/** Options of {@linkcode cli}. */
export interface CliOptions extends RunCliOptions {
  /** Values, besides {@linkcode SECRET}, that must never be printed (e.g. the simulator's token). */
  secrets?: readonly string[];
}

/**
 * Runs the CLI (see `runCli`) and asserts the invariants of every run: each
 * stdout line is a complete, valid Airbyte message; neither stream holds a
 * secret, a fragment of one, or a stack trace.
 */
export async function cli(
  args: readonly string[],
  files: Record<string, unknown> = {},
  options: CliOptions = {},
): Promise<CheckedRun> {
  const { secrets = [], ...runOptions } = options;
  const result = await runCli(args, files, runOptions);
  const context = `\n--- stdout ---\n${result.stdout.slice(-2000)}\n--- stderr ---\n${
    result.stderr.slice(-2000)
  }`;
  ok(result.stdout === "" || result.stdout.endsWith("\n"), `stdout ends mid-line${context}`);
  for (const [name, text] of [["stdout", result.stdout], ["stderr", result.stderr]] as const) {
    ok(!/^ {4}at /m.test(text), `stack trace on ${name}${context}`);
    for (const secret of [SECRET, ...secrets]) {
      const leaked = fragments(secret).find((part) => text.includes(part));
      equal(leaked, undefined, `${name} leaks part of a secret${context}`);
    }
  }
  const messages = await parseProtocolLines(result.stdout) as unknown as AirbyteMessage[];
  return { ...result, messages };
}

/** Every 10-character slice of `secret` (the whole of a shorter one). */
function fragments(secret: string): string[] {
  const size = Math.min(10, secret.length);
  return Array.from({ length: secret.length - size + 1 }, (_, i) => secret.slice(i, i + size));
}

/**
 * Asserts that a run failed with exactly one message on stdout, a `config_error`
 * TRACE whose message matches every pattern, and a non-zero exit code.
 */
export function assertConfigError(run: CheckedRun, ...patterns: RegExp[]): void {
  const context = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
  equal(run.messages.length, 1, `expected one message${context}`);
  const [error] = errorsOf(run.messages);
  ok(error, `expected an ERROR trace${context}`);
  equal(error.failure_type, "config_error", context);
  for (const pattern of patterns) ok(pattern.test(error.message), error.message);
  ok(run.code !== 0, `expected a non-zero exit code${context}`);
}

/** Asserts a usage error: usage text on stderr, nothing on stdout, exit code 2. */
export function assertUsageError(run: CheckedRun, pattern: RegExp): void {
  equal(run.stdout, "", "stdout must stay empty");
  ok(pattern.test(run.stderr), run.stderr);
  ok(run.stderr.includes("Usage:"), run.stderr);
  equal(run.code, 2);
}

/** The saved cursor of each `account_sid` partition in a stream state (epoch ms). */
export function cursorsOf(streamState: JsonObject, field: string): Map<string, number> {
  const cursors = new Map<string, number>();
  const states = (streamState.states ?? []) as { partition: JsonObject; cursor: JsonObject }[];
  for (const { partition, cursor } of states) {
    cursors.set(String(partition.account_sid), Date.parse(String(cursor[field])));
  }
  return cursors;
}

/** Writes `files` (name → JSON value) into `dir` as `<name>.json`; returns the paths. */
export async function writeFiles(
  dir: string,
  files: Record<string, unknown>,
): Promise<Record<string, string>> {
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = `${dir}/${name}.json`;
    await Deno.writeTextFile(paths[name], JSON.stringify(content));
  }
  return paths;
}

/** The `stream_state` of the last STATE of `stream`, or undefined when there is none. */
export function lastStreamState(
  messages: readonly AirbyteMessage[],
  stream: string,
): JsonObject | undefined {
  const last = messages.findLast((m) =>
    m.type === "STATE" && m.state.stream.stream_descriptor.name === stream
  );
  return last?.type === "STATE" ? last.state.stream.stream_state : undefined;
}

/**
 * Asserts that each STATE's `sourceStats.recordCount` is the number of records
 * of its stream since that stream's previous STATE, and that a STATE follows
 * the last record of every stream.
 */
export function assertRecordCounts(messages: readonly AirbyteMessage[]): void {
  const since = new Map<string, number>();
  for (const [i, message] of messages.entries()) {
    if (message.type === "RECORD") {
      since.set(message.record.stream, (since.get(message.record.stream) ?? 0) + 1);
    } else if (message.type === "STATE") {
      const stream = message.state.stream.stream_descriptor.name;
      equal(
        message.state.sourceStats?.recordCount,
        since.get(stream) ?? 0,
        `recordCount of the "${stream}" STATE at line ${i + 1}`,
      );
      since.set(stream, 0);
    }
  }
  for (const [stream, count] of since) equal(count, 0, `"${stream}" records after its last STATE`);
}
