/**
 * Deterministic changes between two syncs: `now` moves forward, new messages and calls appear
 * after the previous `now`, and some recent messages / calls reach a final status.
 *
 * @module
 */

import { HOUR_MS, SECOND_MS } from "./_dates.ts";
import type { World } from "./_world.ts";

/**
 * What {@link mutateWorld} changes; every count is per account.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type MutateOptions, startSimulator } from "../mod.ts";
 * await using sim = await startSimulator({ subaccounts: 0 });
 * const before = sim.now;
 * const options: MutateOptions = { advanceMs: 60_000, messages: 2, calls: 0, changes: 0 };
 * const summary = sim.mutate(options);
 * assert.equal(sim.now, before + 60_000);
 * assert.equal(summary.added.messages.length, 2);
 * assert.deepEqual(summary.added.calls, []);
 * ```
 */
export interface MutateOptions {
  /** How far `now` moves forward (ms, default 1 hour, at least 1 s when adding records). */
  readonly advanceMs?: number;
  /** New messages per account (default 3). */
  readonly messages?: number;
  /** New calls per account (default 2). */
  readonly calls?: number;
  /** Recent non-final messages and calls settled per account, each (default 2). */
  readonly changes?: number;
}

/**
 * SIDs touched by one mutation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type MutationSummary, startSimulator } from "../mod.ts";
 * await using sim = await startSimulator({ subaccounts: 1 });
 * const summary: MutationSummary = sim.mutate();
 * assert.equal(summary.now, sim.now);
 * assert.equal(summary.added.messages.length, 6);
 * const sids = new Set(sim.expected("messages").map((message) => message.sid));
 * assert.ok(summary.added.messages.every((sid) => sids.has(sid)));
 * ```
 */
export interface MutationSummary {
  /** The new `now` (epoch ms). */
  readonly now: number;
  /** SIDs of the new messages and calls (all accounts). */
  readonly added: { readonly messages: string[]; readonly calls: string[] };
  /** SIDs of the messages delivered and calls completed by this mutation. */
  readonly changed: { readonly messages: string[]; readonly calls: string[] };
}

/**
 * Settles first (so only records that existed before are changed: status final, price set,
 * `date_updated` = new now, `date_sent` / `start_time` untouched; a completed call gets an
 * `end_time` close to the new now), then appends records dated in (previous now, new now].
 */
export function mutateWorld(world: World, options: MutateOptions = {}): MutationSummary {
  const advance = options.advanceMs ?? HOUR_MS;
  const adds = (options.messages ?? 3) > 0 || (options.calls ?? 2) > 0;
  if (!(advance >= (adds ? SECOND_MS : 0))) {
    throw new RangeError(
      `Invalid advanceMs ${advance}: move now by at least 1 s when adding records`,
    );
  }
  const previous = world.now;
  const now = previous + advance;
  world.now = now;
  const summary: MutationSummary = {
    now,
    added: { messages: [], calls: [] },
    changed: { messages: [], calls: [] },
  };
  const changes = options.changes ?? 2;
  for (const account of world.accounts()) {
    summary.changed.messages.push(...account.messages.settle(changes, now));
    summary.changed.calls.push(...account.calls.settle(changes, now));
    summary.added.messages.push(...account.messages.append(options.messages ?? 3, previous, now));
    summary.added.calls.push(...account.calls.append(options.calls ?? 2, previous, now));
  }
  return summary;
}
