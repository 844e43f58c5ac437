/**
 * Records whose status was not final when last read (a message `sent` but not
 * yet `delivered`, a call whose price is not in yet). Twilio changes them after
 * the date filter has moved past them, so they are kept, bounded by count and
 * age, in the stream state and fetched again by SID on the next sync.
 *
 * @module
 */
import type { JsonObject } from "../protocol/messages.ts";
import { parseCursor } from "./state.ts";

/** One record to look at again. */
export interface PendingEntry {
  sid: string;
  account_sid: string;
  /** What the record looked like (status, price, date_updated). */
  seen: string;
  /** When it was created (ISO), for the age bound. */
  created: string;
}

/** Options of {@linkcode PendingList}. */
export interface PendingOptions {
  /** At most this many entries; the oldest go first. */
  maxRecords: number;
  /** Entries created longer ago than this are dropped. */
  maxAgeMs: number;
  /** Now, epoch ms. */
  now: number;
  /** Whether a record will not change any more. */
  settled: (record: JsonObject) => boolean;
}

/** The bounded list of unsettled records of one stream. */
export class PendingList {
  #entries = new Map<string, PendingEntry>();
  #options: PendingOptions;

  /** Loads the list saved in a state blob (entries of the wrong shape are ignored). */
  constructor(saved: unknown, options: PendingOptions) {
    this.#options = options;
    if (!Array.isArray(saved)) return;
    for (const entry of saved as Partial<PendingEntry>[]) {
      if (
        typeof entry?.sid === "string" && typeof entry.account_sid === "string" &&
        typeof entry.seen === "string" && typeof entry.created === "string"
      ) this.#entries.set(entry.sid, entry as PendingEntry);
    }
    this.#trim();
  }

  /** The entries, oldest first. */
  entries(): PendingEntry[] {
    return [...this.#entries.values()];
  }

  /** How many entries there are. */
  get size(): number {
    return this.#entries.size;
  }

  /** Records what an emitted record looks like now; true when it differs from what was seen. */
  observe(record: JsonObject): boolean {
    const sid = String(record.sid);
    const seen = fingerprint(record);
    const changed = this.#entries.get(sid)?.seen !== seen;
    this.#entries.delete(sid);
    if (!this.#options.settled(record)) {
      const created = String(record.date_created ?? record.date_sent ?? "");
      // Only the new entry can be too old: the others were checked when they came in, against
      // the same clock. The oldest go when the list is over its size.
      if (this.#recent(created)) {
        this.#entries.set(sid, { sid, account_sid: String(record.account_sid), seen, created });
        this.#bound();
      }
    }
    return changed;
  }

  /** Forgets a record (deleted at Twilio). */
  forget(sid: string): void {
    this.#entries.delete(sid);
  }

  /** The list as saved in state. */
  toJSON(): PendingEntry[] {
    return this.entries();
  }

  #trim(): void {
    for (const [sid, entry] of this.#entries) {
      if (!this.#recent(entry.created)) this.#entries.delete(sid);
    }
    this.#bound();
  }

  /** Whether a record created at `created` is young enough to be fetched again. */
  #recent(created: string): boolean {
    const at = parseCursor(created);
    return at !== undefined && at >= this.#options.now - this.#options.maxAgeMs;
  }

  #bound(): void {
    while (this.#entries.size > this.#options.maxRecords) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
  }
}

function fingerprint(record: JsonObject): string {
  return JSON.stringify([record.status, record.price ?? null, record.date_updated ?? null]);
}

/** Options of {@linkcode refetch}. */
export interface RefetchOptions {
  /** Fetches one record by account and SID (undefined when Twilio answers 404). */
  fetchOne: (entry: PendingEntry) => Promise<JsonObject | undefined>;
  /** Runs the fetches with bounded concurrency. */
  forEach: (entries: PendingEntry[], task: (entry: PendingEntry) => Promise<void>) => Promise<void>;
}

/** Fetches every pending record again; returns those that changed since they were seen. */
export async function refetch(list: PendingList, options: RefetchOptions): Promise<JsonObject[]> {
  const changed: JsonObject[] = [];
  await options.forEach(list.entries(), async (entry) => {
    const record = await options.fetchOne(entry);
    if (record === undefined) list.forget(entry.sid);
    else if (list.observe(record)) changed.push(record);
  });
  return changed;
}
