/**
 * Runs the simulator in its own process and prints one JSON line
 * `{"url":…,"account_sid":…,"auth_token":…}` to stdout, then serves until killed; on SIGTERM or
 * SIGINT it prints a last line with its request counters
 * (`{"requests":…,"max_in_flight":…,"status":{…},"accounts":…,"product_accounts":…}`: how
 * many accounts were sent requests, and requests on the product hosts) and exits.
 *
 * ```sh
 * deno run -A simulator/main.ts --seed 3 --messages 100000 --latency 20 --max-in-flight 8 --rate429 0.05
 * deno run -A simulator/main.ts --subaccounts 1000 --conversations 2 --max-in-flight-per-account 5 \
 *   --latency-by-account 3=200 --products-disabled 7=studio+verify,9=monitor
 * ```
 *
 * Options: `--seed N`, `--now MS`, `--subaccounts N`, every count of `DEFAULT_COUNTS` with
 * dashes (`--messages N`, `--calls N`, `--alerts N`, `--incoming-phone-numbers N`, ...),
 * `--page-size-cap N`, `--latency MS`, `--max-in-flight N`, `--max-in-flight-per-account N`,
 * `--latency-by-account ACCOUNT=MS[,…]`, `--products-disabled ACCOUNT=PRODUCT[+PRODUCT][,…]`
 * (ACCOUNT: an index, 0 = main, or a SID), `--account-statuses ACCOUNT=suspended|closed[,…]`,
 * `--rate429 X`, `--rate5xx X`, `--rate-truncated X`,
 * `--retry-after S`, `--retry-after-http-date`, `--foreign-next-page`, `--history-days N`
 * (a sparse long history), `--counts JSON` (any collection size, e.g. `{"conferences":100}`;
 * a count flag wins over the same count in it).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { type CountName, DEFAULT_COUNTS, type ProductHost, startSimulator } from "./mod.ts";

const COUNT_FLAGS = new Map(
  (Object.keys(DEFAULT_COUNTS) as CountName[]).map((name) => [name.replaceAll("_", "-"), name]),
);

const NUMERIC = [
  "seed",
  "now",
  "subaccounts",
  "page-size-cap",
  "latency",
  "max-in-flight",
  "max-in-flight-per-account",
  "rate429",
  "rate5xx",
  "rate-truncated",
  "retry-after",
  "history-days",
] as const;

/** `a=x,b=y` as `[["a", "x"], ["b", "y"]]`; throws naming the flag on a malformed pair. */
function pairsOption(values: Record<string, unknown>, name: string): [string, string][] {
  const raw = values[name];
  if (raw === undefined) return [];
  return String(raw).split(",").map((pair) => {
    const found = /^([^=\s]+)=([^=\s]+)$/.exec(pair.trim());
    if (!found) throw new Error(`Invalid value for --${name}: ${pair} (expected ACCOUNT=VALUE)`);
    return [found[1] ?? "", found[2] ?? ""];
  });
}

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
      ...Object.fromEntries(
        [...NUMERIC, ...COUNT_FLAGS.keys()].map((name) => [name, { type: "string" as const }]),
      ),
      "latency-by-account": { type: "string" },
      "products-disabled": { type: "string" },
      "account-statuses": { type: "string" },
      "retry-after-http-date": { type: "boolean" },
      "foreign-next-page": { type: "boolean" },
      counts: { type: "string" },
    },
    strict: true,
  });
  const num = (name: typeof NUMERIC[number]) => numberOption(values, name);
  const counts: Record<string, number> = values.counts ? JSON.parse(values.counts) : {};
  for (const [flag, name] of COUNT_FLAGS) {
    const value = numberOption(values, flag);
    if (value !== undefined) counts[name] = value;
  }
  const latencyMsByAccount: Record<string, number> = {};
  for (const [account, ms] of pairsOption(values, "latency-by-account")) {
    const value = Number(ms);
    if (!Number.isFinite(value)) {
      throw new Error(`Invalid value for --latency-by-account: ${account}=${ms}`);
    }
    latencyMsByAccount[account] = value;
  }
  const accountStatuses: Record<string, "suspended" | "closed"> = {};
  for (const [account, status] of pairsOption(values, "account-statuses")) {
    accountStatuses[account] = status as "suspended" | "closed";
  }
  const productsDisabled: Record<string, ProductHost[]> = {};
  for (const [account, products] of pairsOption(values, "products-disabled")) {
    productsDisabled[account] = products.split("+") as ProductHost[];
  }
  const sim = await startSimulator({
    seed: num("seed"),
    now: num("now"),
    subaccounts: num("subaccounts"),
    historyDays: num("history-days"),
    counts,
    pageSizeCap: num("page-size-cap"),
    productsDisabled,
    accountStatuses,
    faults: {
      latencyMs: num("latency"),
      latencyMsByAccount,
      maxInFlight: num("max-in-flight"),
      maxInFlightPerAccount: num("max-in-flight-per-account"),
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
    const { stats } = sim;
    const last = {
      requests: stats.requests,
      max_in_flight: stats.maxInFlight,
      status: Object.fromEntries(stats.status),
      accounts: stats.byAccount.size,
      product_accounts: stats.productByAccount.size,
    };
    sim.close()
      .then(() => Deno.stdout.write(new TextEncoder().encode(`${JSON.stringify(last)}\n`)))
      .finally(() => Deno.exit(0));
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
