/**
 * The command line: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`, and `sync --config F --dir DIR`.
 * stdout carries Airbyte protocol lines only (`sync` prints nothing there);
 * usage, progress and debug output go to stderr.
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  checkCommand,
  type CommandArgs,
  discoverCommand,
  readCommand,
  specCommand,
} from "./cli/commands.ts";
import { syncCommand } from "./cli/sync_command.ts";

const USAGE = `Usage:
  twilio-source spec
  twilio-source check --config CONFIG.json
  twilio-source discover --config CONFIG.json
  twilio-source read --config CONFIG.json --catalog CATALOG.json [--state STATE.json]
  twilio-source sync --config CONFIG.json --dir DIR [--catalog CATALOG.json] [--streams a,b]

sync appends each stream's records to DIR/<stream>.jsonl and keeps the state in
DIR/state.json (every stream, incremental where supported, unless --catalog or
--streams choose).

Options:
  --debug               print stack traces of unexpected errors to stderr
  --commit-every SECS   sync: save the state at most this often (default 1; 0: at every STATE)
`;

const NEEDS: Record<string, readonly ("config" | "catalog" | "dir")[]> = {
  spec: [],
  check: ["config"],
  discover: ["config"],
  read: ["config", "catalog"],
  sync: ["config", "dir"],
};

/** Flags only some commands take. */
const ONLY: Record<string, readonly string[]> = {
  state: ["read"],
  catalog: ["read", "sync"],
  dir: ["sync"],
  streams: ["sync"],
  "commit-every": ["sync"],
};

/** Runs the CLI with `args`; resolves to the exit code. */
export async function main(args: readonly string[], signal?: AbortSignal): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: "string" },
        catalog: { type: "string" },
        state: { type: "string" },
        dir: { type: "string" },
        streams: { type: "string" },
        "commit-every": { type: "string" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const command = positionals[0];
  if (command === undefined || positionals.length > 1 || !(command in NEEDS)) {
    return usage(
      command === undefined ? "missing command" : `unknown command "${positionals.join(" ")}"`,
    );
  }
  for (const flag of NEEDS[command]!) {
    if (values[flag] === undefined) return usage(`${command} needs --${flag}`);
  }
  for (const [flag, commands] of Object.entries(ONLY)) {
    if (values[flag as keyof typeof values] !== undefined && !commands.includes(command)) {
      return usage(`${command} takes no --${flag}`);
    }
  }
  const commitEvery = values["commit-every"];
  const commitEverySeconds = commitEvery === undefined ? undefined : Number(commitEvery);
  if (commitEverySeconds !== undefined && !(commitEverySeconds >= 0)) {
    return usage(`--commit-every takes seconds (0 or more), not "${commitEvery}"`);
  }
  const commandArgs: CommandArgs = { ...values, ...(signal ? { signal } : {}) };
  switch (command) {
    case "spec":
      return await specCommand();
    case "check":
      return await checkCommand(commandArgs);
    case "discover":
      return await discoverCommand(commandArgs);
    case "sync":
      return await syncCommand({ ...commandArgs, commitEverySeconds });
    default:
      return await readCommand(commandArgs);
  }
}

function usage(problem: string): number {
  console.error(`twilio-source: ${problem}\n\n${USAGE}`);
  return 2;
}

if (import.meta.main) {
  const controller = new AbortController();
  let signalled: Deno.Signal | undefined;
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(name, () => {
      signalled ??= name;
      controller.abort();
    });
  }
  const code = await main(Deno.args, controller.signal);
  Deno.exit(signalled ? (signalled === "SIGINT" ? 130 : 143) : code);
}
