/**
 * Deterministic changes between two syncs: `now` moves forward, new messages and calls appear
 * after the previous `now`, and some recent messages / calls reach a final status.
 *
 * @module
 */

import { HOUR_MS, SECOND_MS } from "./_dates.ts";
import type { World } from "./_world.ts";

/** What {@link mutateWorld} changes; every count is per account. */
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

/** SIDs touched by one mutation. */
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
  for (const account of world.accounts) {
    summary.changed.messages.push(...account.messages.settle(changes, now));
    summary.changed.calls.push(...account.calls.settle(changes, now));
    summary.added.messages.push(...account.messages.append(options.messages ?? 3, previous, now));
    summary.added.calls.push(...account.calls.append(options.calls ?? 2, previous, now));
  }
  return summary;
}
