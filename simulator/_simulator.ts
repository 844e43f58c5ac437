/**
 * Start-up: builds the world and serves it on 127.0.0.1 with a foreign server alongside.
 *
 * @module
 */

import { resolveAccount } from "./_accounts.ts";
import { resolveCounts } from "./_counts.ts";
import { expectedRows } from "./_expected.ts";
import type { FaultOptions } from "./_faults.ts";
import { startForeignServer } from "./_foreign.ts";
import { createHandler } from "./_handler.ts";
import { mutateWorld } from "./_mutate.ts";
import { Router } from "./_router.ts";
import { StatsRecorder } from "./_stats.ts";
import type { Simulator, SimulatorOptions } from "./_types.ts";
import { HISTORY_DAYS, World } from "./_world.ts";

/**
 * Starts a Twilio simulator on `127.0.0.1` (a free port) and a foreign server next to it.
 *
 * @example Read the accounts list
 * ```ts
 * import { startSimulator } from "./mod.ts";
 *
 * await using sim = await startSimulator({ seed: 7 });
 * const response = await fetch(`${sim.url}/api/2010-04-01/Accounts.json`, {
 *   headers: { Authorization: `Basic ${btoa(`${sim.accountSid}:${sim.authToken}`)}` },
 * });
 * const body = await response.json();
 * if (body.accounts.length !== 3) throw new Error("expected the main account and 2 subaccounts");
 * ```
 */
export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const subaccounts = options.subaccounts ?? 2;
  if (!Number.isInteger(seed)) throw new RangeError(`Invalid seed: ${seed}`);
  if (!Number.isInteger(subaccounts) || subaccounts < 0) {
    throw new RangeError(`Invalid subaccounts: ${subaccounts}`);
  }
  const history = options.historyDays ?? HISTORY_DAYS;
  if (!Number.isInteger(history) || history < 1) {
    throw new RangeError(`Invalid historyDays: ${history}`);
  }
  const world = new World(
    seed,
    options.now ?? Date.now(),
    subaccounts,
    resolveCounts(options.counts),
    options.productsDisabled,
    options.accountStatuses,
    history,
  );
  world.insightsEnabled = options.insights ?? true;
  const stats = new StatsRecorder();
  let faults: FaultOptions = checkFaults(world, options.faults ?? {});
  const foreign = startForeignServer();
  let origin = "";
  const router = new Router(world, {
    origin: () => origin,
    foreignOrigin: () => faults.foreignNextPage ? foreign.url : undefined,
    ...(options.pageSizeCap === undefined ? {} : { pageSizeCap: options.pageSizeCap }),
  });
  const [main] = world.keys;
  if (!main) throw new Error("The simulator has no main account");
  const handler = createHandler({ seed, router, stats, world, faults: () => faults });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  origin = `http://127.0.0.1:${server.addr.port}`;
  let closing: Promise<void> | undefined;
  const close = () => closing ??= Promise.all([server.shutdown(), foreign.close()]).then(() => {});
  const sim: Simulator = {
    url: origin,
    seed,
    accountSid: main.sid,
    authToken: main.authToken,
    subaccountSids: world.keys.slice(1).map((k) => k.sid),
    accounts: world.keys.map((k) => ({ sid: k.sid, authToken: k.authToken })),
    apiKey: world.apiKey,
    get generated() {
      return world.generated;
    },
    foreign,
    get now() {
      return world.now;
    },
    stats,
    get requests() {
      return stats.log();
    },
    expected: (stream, expectedOptions) => expectedRows(world, stream, expectedOptions?.since),
    mutate: (mutateOptions) => mutateWorld(world, mutateOptions),
    setFaults(next) {
      faults = checkFaults(world, next);
    },
    resetStats: () => stats.reset(),
    close,
    [Symbol.asyncDispose]: close,
  };
  return Promise.resolve(sim);
}

/** Throws a RangeError when `latencyMsByAccount` names an account that is not in the tree. */
function checkFaults(world: World, faults: FaultOptions): FaultOptions {
  for (const name of Object.keys(faults.latencyMsByAccount ?? {})) resolveAccount(world.keys, name);
  return faults;
}
