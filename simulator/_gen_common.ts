/**
 * Shared pieces of the record generators.
 *
 * @module
 */

import type { Counts } from "./_counts.ts";
import { floorSecond } from "./_dates.ts";
import type { Rng } from "./_random.ts";

/** What an account-scoped generator needs. */
export interface AccountContext {
  readonly seed: number;
  /** Position of the account (0 = main). */
  readonly index: number;
  readonly sid: string;
  /** Earliest time records of this account may have. */
  readonly from: number;
  /** The `now` records are generated for. */
  readonly now: number;
  readonly counts: Counts;
  /** When set, half of the messages and calls fall after this time (a long, sparse history). */
  readonly denseFrom?: number;
}

/** What a global (non-2010) generator needs. */
export interface GlobalContext {
  readonly seed: number;
  readonly accountSid: string;
  readonly from: number;
  readonly now: number;
  readonly counts: Counts;
}

/** `n` whole-second times in [from, to], ascending. */
export function sortedTimes(rng: Rng, n: number, from: number, to: number): number[] {
  const times = Array.from({ length: n }, () => floorSecond(from + rng.next() * (to - from)));
  return times.sort((a, b) => a - b);
}

/** The 2010-API path of an account: `/2010-04-01/Accounts/AC…`. */
export function accountPath(accountSid: string): string {
  return `/2010-04-01/Accounts/${accountSid}`;
}

/** Base URL Twilio writes in Conversations records. */
export const CONVERSATIONS_HOST = "https://conversations.twilio.com/v1";

/** HTTP methods Twilio stores for callbacks. */
export const METHODS = ["GET", "POST"] as const;

/** Words for friendly names. */
export const WORDS = [
  "Support",
  "Sales",
  "Billing",
  "Alerts",
  "Onboarding",
  "Reminders",
  "Dispatch",
  "Helpdesk",
] as const;

/** A friendly name like `Sales 3`. */
export function friendly(rng: Rng, k: number): string {
  return `${rng.pick(WORDS)} ${k + 1}`;
}
