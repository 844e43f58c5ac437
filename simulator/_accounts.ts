/**
 * The account tree: the main account and its subaccounts as small keys (SID, auth token,
 * creation time), built for every account up front, while each account's data is generated
 * only when a request or the oracle first needs it.
 *
 * @module
 */

import { DAY_MS, floorSecond } from "./_dates.ts";
import type { AccountStatus } from "./_gen_account.ts";
import { Rng, sidOf } from "./_random.ts";

/** How far back messages, calls, product records and most other records go. */
export const HISTORY_DAYS = 60;

/** What identifies one account; cheap enough to hold for 1,000 subaccounts. */
export interface AccountKey {
  /** Position in the tree: 0 is the main account, 1… the subaccounts, oldest first. */
  readonly index: number;
  readonly sid: string;
  readonly authToken: string;
  /** `date_created` (epoch ms). */
  readonly created: number;
  readonly friendlyName: string;
  readonly status: AccountStatus;
}

/**
 * Age in days of account `index` of a tree with `subaccounts` subaccounts: the main account is
 * 90 days old, subaccount k (from 0) 75 − 5k days while that stays above 10, then between 11 and
 * 70 days; the last subaccount is always 10 days old.
 */
export function accountAgeDays(index: number, subaccounts: number): number {
  if (index === 0) return 90;
  const k = index - 1;
  if (k === subaccounts - 1) return 10;
  return k < 13 ? 75 - 5 * k : 11 + (k * 37) % 60;
}

/**
 * The keys of the main account and `subaccounts` subaccounts; `statuses` (account index as a
 * string, or SID → status) marks some subaccounts suspended or closed (the rest are active). A
 * history longer than the default makes every account that much older.
 */
export function accountKeys(
  seed: number,
  now: number,
  subaccounts: number,
  statuses: Readonly<Record<string, AccountStatus>> = {},
  historyDays = HISTORY_DAYS,
): AccountKey[] {
  const older = Math.max(0, historyDays - HISTORY_DAYS);
  const keys: AccountKey[] = Array.from({ length: subaccounts + 1 }, (_, index) => ({
    index,
    sid: sidOf("AC", seed, "account", index),
    authToken: Rng.of(seed, "token", index).hex(32),
    created: floorSecond(now - (accountAgeDays(index, subaccounts) + older) * DAY_MS),
    friendlyName: index === 0 ? "Main account" : `Subaccount ${index}`,
    status: "active",
  }));
  for (const [name, status] of Object.entries(statuses)) {
    const index = resolveAccount(keys, name);
    if (index === 0 || !["active", "suspended", "closed"].includes(status)) {
      throw new RangeError(`Invalid status "${status}" for account "${name}"`);
    }
    const key = keys[index];
    if (key) keys[index] = { ...key, status };
  }
  return keys;
}

/**
 * The account a key of an option map names: an account index as a string (`"0"` is the main
 * account) or an account SID. Throws a RangeError for anything else.
 */
export function resolveAccount(keys: readonly AccountKey[], name: string): number {
  const index = /^\d+$/.test(name) ? Number(name) : keys.findIndex((k) => k.sid === name);
  if (index < 0 || index >= keys.length) {
    throw new RangeError(`Unknown account "${name}": use an index (0-${keys.length - 1}) or a SID`);
  }
  return index;
}
