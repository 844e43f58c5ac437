/**
 * Shared test fixtures: configs and catalogs for the simulator, collecting a
 * read, and running the CLI as a subprocess.
 *
 * @module
 */
import { read, type ReadStreamOptions } from "../source.ts";
import type { AirbyteMessage, JsonObject } from "../protocol/messages.ts";
import { airbyteStream } from "../streams/catalog.ts";
import { REGISTRY } from "../streams/mod.ts";
import type { Simulator } from "../simulator/mod.ts";
import type { StreamDefinition } from "../streams/_define.ts";
import { runArgs } from "../scripts/compile.ts";

/** A start date `days` ago, in the config's format. */
export function daysAgo(days: number, now = Date.now()): string {
  return new Date(now - days * 86_400_000).toISOString().slice(0, 19) + "Z";
}

/** A valid config pointing at a simulator (in process, or `bench/_sim_process.ts`'s child). */
export function configFor(
  sim: Pick<Simulator, "accountSid" | "authToken" | "url">,
  overrides: JsonObject = {},
): JsonObject {
  return {
    account_sid: sim.accountSid,
    auth_token: sim.authToken,
    start_date: daysAgo(90),
    base_url: sim.url,
    ...overrides,
  };
}

/** A configured catalog of `streams` (name → sync mode; default: incremental where offered). */
export function catalogOf(
  streams: readonly string[] | Record<string, "full_refresh" | "incremental">,
): JsonObject {
  const modes = Array.isArray(streams)
    ? Object.fromEntries(streams.map((name) => {
      const def = REGISTRY.get(name);
      if (!def) throw new Error(`no stream ${name}`);
      return [name, def.incremental ? "incremental" : "full_refresh"];
    }))
    : streams;
  return {
    streams: Object.entries(modes).map(([name, mode]) => ({
      stream: airbyteStream(REGISTRY.get(name)!),
      sync_mode: mode,
      destination_sync_mode: mode === "incremental" ? "append" : "overwrite",
    })),
  };
}

/** Runs a read through the library and collects every message. */
export async function readAll(
  config: unknown,
  catalog: unknown,
  options: ReadStreamOptions = {},
): Promise<AirbyteMessage[]> {
  return await Array.fromAsync(read(config, catalog, options));
}

/** The records of `stream` in `messages`. */
export function recordsOf(messages: readonly AirbyteMessage[], stream: string): JsonObject[] {
  return messages.flatMap((m) =>
    m.type === "RECORD" && m.record.stream === stream ? [m.record.data] : []
  );
}

/** The last STATE of every stream, as a `--state` array. */
export function finalStates(messages: readonly AirbyteMessage[]): JsonObject[] {
  const last = new Map<string, JsonObject>();
  for (const m of messages) {
    if (m.type === "STATE") {
      last.set(m.state.stream.stream_descriptor.name, m.state as unknown as JsonObject);
    }
  }
  return [...last.values()];
}

/** What a CLI run printed. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const MAIN = new URL("../main.ts", import.meta.url).pathname;

/** Far above any CLI run of the suite, even on a slow, busy machine. */
const CLI_TIMEOUT_MS = 180_000;

/** Options of {@linkcode runCli}. */
export interface RunCliOptions {
  /** Run this file instead of `main.ts` (the bundle). */
  entry?: string;
  /** Sends a signal once stdout satisfies a condition. */
  signalAfter?: (stdout: string) => Deno.Signal | undefined;
  /**
   * Asked again and again (every few milliseconds) while the run lasts; sends
   * the signal it answers, once (for conditions on files the run writes).
   */
  signalWhen?: () => Promise<Deno.Signal | undefined>;
}

/** Runs `main.ts` with `args`; `files` are written to a temporary folder and named by key in args as `@key`. */
export async function runCli(
  args: readonly string[],
  files: Record<string, unknown> = {},
  options: RunCliOptions = {},
): Promise<CliResult> {
  const dir = await Deno.makeTempDir({ prefix: "twilio-source-test-" });
  try {
    const paths: Record<string, string> = {};
    for (const [name, content] of Object.entries(files)) {
      paths[name] = `${dir}/${name}.json`;
      await Deno.writeTextFile(
        paths[name],
        typeof content === "string" ? content : JSON.stringify(content),
      );
    }
    const resolved = args.map((a) => a.startsWith("@") ? paths[a.slice(1)] ?? a : a);
    const command = new Deno.Command(Deno.execPath(), {
      // As the binary and `deno task start` run it: its permissions, under its heap limit.
      args: [...runArgs(options.entry ?? MAIN), ...resolved],
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
      env: { NO_COLOR: "1" },
    });
    const child = command.spawn();
    const decoder = new TextDecoder();
    let stdout = "";
    const stdoutDone = (async () => {
      for await (const chunk of child.stdout) {
        stdout += decoder.decode(chunk, { stream: true });
        const signal = options.signalAfter?.(stdout);
        if (signal) {
          try {
            child.kill(signal);
          } catch {
            // Already gone.
          }
          options.signalAfter = undefined;
        }
      }
    })();
    const stderr = new Response(child.stderr).text();
    // A run that hangs fails its test instead of the whole suite: killed after CLI_TIMEOUT_MS.
    let hung = false;
    const watchdog = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, CLI_TIMEOUT_MS);
    let exited = false;
    const watched = (async () => {
      while (options.signalWhen && !exited) {
        const signal = await options.signalWhen();
        if (signal && !exited) {
          try {
            child.kill(signal);
          } catch {
            // Already gone.
          }
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const status = await child.status;
    exited = true;
    clearTimeout(watchdog);
    await Promise.all([stdoutDone, watched]);
    if (hung) throw new Error(`CLI run did not end within ${CLI_TIMEOUT_MS} ms: ${args.join(" ")}`);
    return { code: status.code, stdout, stderr: await stderr };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** What identifies a record of a stream: its primary key, else its natural identity. */
export function identity(def: StreamDefinition, record: JsonObject): string {
  if (def.primaryKey.length > 0) return JSON.stringify(def.primaryKey.map((p) => record[p[0]!]));
  return JSON.stringify([record.uri ?? null, record.phone_number ?? record.country_code ?? null]);
}

/** The sorted identities (see {@linkcode identity}) of `records` of `def`. */
export function identities(def: StreamDefinition, records: readonly JsonObject[]): string[] {
  return records.map((r) => identity(def, r)).sort();
}

/** The errors (`trace.error`) of the ERROR traces of a run. */
export function errorsOf(messages: readonly AirbyteMessage[]) {
  return messages.flatMap((m) =>
    m.type === "TRACE" && m.trace.type === "ERROR" ? [m.trace.error] : []
  );
}

/** The LOG messages of a run, only those of `level` when given. */
export function logsOf(messages: readonly AirbyteMessage[], level?: string): string[] {
  return messages.flatMap((m) =>
    m.type === "LOG" && (level === undefined || m.log.level === level) ? [m.log.message] : []
  );
}

/**
 * A transport that fetches for real, and for URLs matching `pattern` answers
 * 200 with the JSON body as `edit` changed it.
 */
export function rewritingFetch(pattern: RegExp, edit: (body: JsonObject) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!pattern.test(url)) return response;
    const body = await response.json();
    edit(body);
    return new Response(JSON.stringify(body), { status: 200 });
  };
}

/** The sorted SIDs of `records`. */
export function sidsOf(records: readonly JsonObject[]): string[] {
  return records.map((r) => String(r.sid)).sort();
}

/** The statuses of `stream`, in output order. */
export function statusesOf(messages: readonly AirbyteMessage[], stream: string): string[] {
  return messages.flatMap((m) =>
    m.type === "TRACE" && m.trace.type === "STREAM_STATUS" &&
      m.trace.stream_status.stream_descriptor.name === stream
      ? [m.trace.stream_status.status]
      : []
  );
}

/**
 * The catalog streams read per account on the product hosts: those under a
 * root stream on a host other than `api` whose data is not global (not
 * pricing).
 */
export function perAccountStreams(): string[] {
  const topOf = (def: StreamDefinition): StreamDefinition => {
    const parent = def.parent && REGISTRY.get(def.parent.stream);
    return parent ? topOf(parent) : def;
  };
  return [...REGISTRY.values()].filter((def) => {
    if (def.internal) return false;
    const root = topOf(def);
    return root.product !== "api" && root.scope !== "global";
  }).map((def) => def.name);
}
