/**
 * The command line: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`. stdout carries Airbyte protocol
 * lines only; usage, progress and debug output go to stderr.
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

const USAGE = `Usage:
  twilio-source spec
  twilio-source check --config CONFIG.json
  twilio-source discover --config CONFIG.json
  twilio-source read --config CONFIG.json --catalog CATALOG.json [--state STATE.json]

Options:
  --debug   print stack traces of unexpected errors to stderr
`;

const NEEDS: Record<string, readonly ("config" | "catalog")[]> = {
  spec: [],
  check: ["config"],
  discover: ["config"],
  read: ["config", "catalog"],
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
  if (command !== "read" && values.state !== undefined) return usage(`${command} takes no --state`);
  if (command !== "read" && values.catalog !== undefined) {
    return usage(`${command} takes no --catalog`);
  }
  const commandArgs: CommandArgs = { ...values, ...(signal ? { signal } : {}) };
  switch (command) {
    case "spec":
      return await specCommand();
    case "check":
      return await checkCommand(commandArgs);
    case "discover":
      return await discoverCommand(commandArgs);
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
