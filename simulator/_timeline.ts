/**
 * Lazy timestamps for large collections: record `i` gets a time that is non-decreasing in `i`,
 * computed from (salt, i) alone, so nothing is stored per record.
 *
 * @module
 */

import { floorSecond, HOUR_MS, MINUTE_MS, SECOND_MS } from "./_dates.ts";
import { hash32 } from "./_random.ts";

/** Where a timeline's records fall. */
export interface TimelineOptions {
  /** Salt of the per-record jitter. */
  readonly salt: number;
  /** Number of initial records. */
  readonly count: number;
  /** Earliest time (epoch ms). */
  readonly from: number;
  /** The `now` the records are generated for; every time is at most this. */
  readonly to: number;
  /** How many of the last initial records fall in the 30 minutes before `to`. */
  readonly recent: number;
  /** When set, the second half of the other initial records falls after this time. */
  readonly denseFrom?: number | undefined;
}

interface Round {
  readonly first: number;
  readonly count: number;
  readonly after: number;
  readonly until: number;
}

/** Times of a growing, time-ordered collection. */
export class Timeline {
  readonly #salt: number;
  readonly #base: number;
  readonly #body: number;
  readonly #from: number;
  readonly #bodyEnd: number;
  readonly #recentFrom: number;
  readonly #recentTo: number;
  readonly #to: number;
  readonly #denseFrom: number | undefined;
  readonly #rounds: Round[] = [];

  constructor(options: TimelineOptions) {
    this.#salt = options.salt;
    this.#base = Math.max(0, Math.floor(options.count));
    const recent = Math.min(this.#base, Math.max(0, options.recent));
    this.#body = this.#base - recent;
    this.#from = options.from;
    this.#bodyEnd = Math.max(options.from, options.to - HOUR_MS);
    this.#recentFrom = Math.max(options.from, options.to - 30 * MINUTE_MS);
    this.#recentTo = Math.max(this.#recentFrom, options.to - MINUTE_MS);
    this.#to = options.to;
    const dense = options.denseFrom;
    this.#denseFrom = dense !== undefined && dense > this.#from && dense < this.#bodyEnd
      ? dense
      : undefined;
  }

  /** Number of records (initial and appended). */
  get count(): number {
    const last = this.#rounds.at(-1);
    return last ? last.first + last.count : this.#base;
  }

  /** Time of record `i` (whole seconds). */
  time(i: number): number {
    const frac = hash32(this.#salt, "jitter", i) / 4294967296;
    if (i < this.#body) return this.#bodyTime(i + frac);
    if (i < this.#base) {
      return spread(
        this.#recentFrom,
        this.#recentTo,
        i - this.#body + frac,
        this.#base - this.#body,
      );
    }
    const round = this.#round(i);
    const start = floorSecond(round.after) + SECOND_MS;
    return spread(start, Math.max(start, round.until), i - round.first + frac, round.count);
  }

  /** A body record's time: spread evenly, or half before `denseFrom` and half after. */
  #bodyTime(position: number): number {
    const dense = this.#denseFrom;
    if (dense === undefined) return spread(this.#from, this.#bodyEnd, position, this.#body);
    const half = this.#body / 2;
    return position < half
      ? spread(this.#from, dense, position, half)
      : spread(dense, this.#bodyEnd, position - half, this.#body - half);
  }

  /** Whether record `i` is one of the newest of its batch (candidates for a non-final status). */
  isRecent(i: number): boolean {
    if (i < this.#base) return i >= this.#body;
    const round = this.#round(i);
    return i === round.first + round.count - 1;
  }

  /** The latest time anything about record `i` may carry (the `now` of its batch). */
  limit(i: number): number {
    return i < this.#base ? this.#to : this.#round(i).until;
  }

  /** Appends `count` records dated after `after` and at most `until`; returns their indices. */
  append(count: number, after: number, until: number): number[] {
    if (count <= 0) return [];
    if (until - after < SECOND_MS) {
      throw new RangeError("Cannot append: advance now by at least 1 s");
    }
    const first = this.count;
    this.#rounds.push({ first, count, after, until });
    return Array.from({ length: count }, (_, k) => first + k);
  }

  #round(i: number): Round {
    for (let k = this.#rounds.length - 1; k >= 0; k--) {
      const round = this.#rounds[k];
      if (round && i >= round.first) return round;
    }
    throw new RangeError(`Index out of range: ${i}`);
  }
}

function spread(from: number, to: number, position: number, count: number): number {
  return floorSecond(from + (position * (to - from)) / Math.max(1, count));
}
