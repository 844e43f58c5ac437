/**
 * Collection sizes: defaults, overrides and the 0 / 1 / many child patterns.
 *
 * @module
 */

/** Default sizes, per account (the main account and every subaccount have their own). */
export const DEFAULT_COUNTS = {
  /** Messages per account (lazy). */
  messages: 40,
  /** Calls per account (lazy). */
  calls: 40,
  /** Monitor alerts per account (lazy). */
  alerts: 30,
  /** Conferences per account (the newest 3 are live). */
  conferences: 8,
  /** Recordings per account. */
  recordings: 12,
  /** Transcriptions per account. */
  transcriptions: 5,
  /** Addresses of the main account; subaccount k gets `addresses - 2k` (at least 0). */
  addresses: 3,
  /** Applications per account. */
  applications: 4,
  /** Incoming phone numbers per account. */
  incoming_phone_numbers: 7,
  /** API keys per account (the main account's list includes the simulator's key). */
  keys: 3,
  /** Outgoing caller IDs per account. */
  outgoing_caller_ids: 3,
  /** Queues per account. */
  queues: 3,
  /** Usage triggers per account. */
  usage_triggers: 3,
  /** Usage categories (one daily row per category per day). */
  usage_categories: 3,
  /** Available numbers per country and type. */
  available_phone_numbers: 5,
  /** Conversations per account. */
  conversations: 8,
  /** Conversations users per account. */
  users: 6,
  /** Conversations services per account. */
  services: 3,
  /** Studio flows per account. */
  flows: 4,
  /** SIP trunks per account. */
  trunks: 3,
  /** Verify services per account. */
  verify_services: 3,
  /** Countries of each pricing list (at most 12). */
  pricing_countries: 5,
} as const;

/** Name of an overridable collection size. */
export type CountName = keyof typeof DEFAULT_COUNTS;

/** Resolved sizes. */
export type Counts = Readonly<Record<CountName, number>>;

/** Merges overrides into the defaults; throws on unknown names or negative sizes. */
export function resolveCounts(overrides: Partial<Record<string, number>> = {}): Counts {
  const counts: Record<string, number> = { ...DEFAULT_COUNTS };
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in DEFAULT_COUNTS)) throw new Error(`Unknown count "${name}"`);
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`Invalid count for "${name}": ${value}`);
    }
    counts[name] = value;
  }
  return counts as Counts;
}

/** Children of the k-th parent, cycling through `sizes` (e.g. `[0, 1, 4]`). */
export function childCount(k: number, sizes: readonly number[]): number {
  return sizes[k % sizes.length] ?? 0;
}
