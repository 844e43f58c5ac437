/**
 * Runs the simulator in its own process and prints one JSON line
 * `{"url":…,"account_sid":…,"auth_token":…}` to stdout, then serves until killed.
 *
 * ```sh
 * deno run -A simulator/main.ts --seed 3 --messages 100000 --latency 20 --max-in-flight 8 --rate429 0.05
 * ```
 *
 * Options: `--seed N`, `--now MS`, `--subaccounts N`, `--messages N`, `--calls N`,
 * `--alerts N`, `--page-size-cap N`, `--latency MS`, `--max-in-flight N`, `--rate429 X`,
 * `--rate5xx X`, `--rate-truncated X`, `--retry-after S`, `--retry-after-http-date`,
 * `--foreign-next-page`, `--history-days N` (a sparse long history), `--counts JSON` (any
 * collection size, e.g. `{"conferences":100}`).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { startSimulator } from "./mod.ts";

const NUMERIC = [
  "seed",
  "now",
  "subaccounts",
  "messages",
  "calls",
  "alerts",
  "page-size-cap",
  "latency",
  "max-in-flight",
  "rate429",
  "rate5xx",
  "rate-truncated",
  "retry-after",
  "history-days",
] as const;

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(value)) {
    throw new Error(`Invalid value for --${name}: ${String(raw)}`);
  }
  return value;
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(NUMERIC.map((name) => [name, { type: "string" as const }])),
      "retry-after-http-date": { type: "boolean" },
      "foreign-next-page": { type: "boolean" },
      counts: { type: "string" },
    },
    strict: true,
  });
  const num = (name: typeof NUMERIC[number]) => numberOption(values, name);
  const counts: Record<string, number> = values.counts ? JSON.parse(values.counts) : {};
  for (const name of ["messages", "calls", "alerts"] as const) {
    const value = num(name);
    if (value !== undefined) counts[name] = value;
  }
  const sim = await startSimulator({
    seed: num("seed"),
    now: num("now"),
    subaccounts: num("subaccounts"),
    historyDays: num("history-days"),
    counts,
    pageSizeCap: num("page-size-cap"),
    faults: {
      latencyMs: num("latency"),
      maxInFlight: num("max-in-flight"),
      rate429: num("rate429"),
      rate5xx: num("rate5xx"),
      rateTruncated: num("rate-truncated"),
      retryAfter: num("retry-after"),
      retryAfterHttpDate: values["retry-after-http-date"] === true,
      foreignNextPage: values["foreign-next-page"] === true,
    },
  });
  const line = { url: sim.url, account_sid: sim.accountSid, auth_token: sim.authToken };
  await Deno.stdout.write(new TextEncoder().encode(`${JSON.stringify(line)}\n`));
  const stop = () => {
    sim.close().finally(() => Deno.exit(0));
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) {
  main(Deno.args).catch((error: unknown) => {
    console.error(
      `Cannot start the simulator: ${error instanceof Error ? error.message : String(error)}`,
    );
    Deno.exit(2);
  });
}
