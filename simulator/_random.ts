/**
 * Deterministic randomness: a string/number hash, a mulberry32 generator and helpers that turn
 * it into Twilio-looking values (SIDs, E.164 numbers).
 *
 * @module
 */

/** Hashes any mix of strings and numbers to an unsigned 32-bit integer (FNV-1a + murmur fmix). */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === "number") {
      h = Math.imul(h ^ 0x23, 0x01000193);
      h = Math.imul(h ^ (part >>> 0), 0x01000193);
      h ^= h >>> 15;
      h = Math.imul(h ^ (Math.floor(part / 4294967296) >>> 0), 0x01000193);
      h ^= h >>> 15;
    } else {
      h = Math.imul(h ^ 0x24, 0x01000193);
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A mulberry32 generator with a few convenience draws. */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A generator seeded from the hash of `parts`. */
  static of(...parts: readonly (string | number)[]): Rng {
    return new Rng(hash32(...parts));
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("Cannot pick from an empty list");
    return item;
  }

  /** `n` lower-case hex digits. */
  hex(n: number): string {
    let out = "";
    while (out.length < n) out += hex8(this.u32());
    return out.length === n ? out : out.slice(0, n);
  }

  /** `n` decimal digits. */
  digits(n: number): string {
    let out = "";
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Eight hex digits of an unsigned 32-bit integer. */
export function hex8(u: number): string {
  return (BYTE_HEX[u >>> 24] ?? "") + (BYTE_HEX[(u >>> 16) & 255] ?? "") +
    (BYTE_HEX[(u >>> 8) & 255] ?? "") + (BYTE_HEX[u & 255] ?? "");
}

/** A Twilio SID: two-letter prefix and 32 hex digits derived from `parts`. */
export function sidOf(prefix: string, ...parts: readonly (string | number)[]): string {
  return prefix + Rng.of("sid", prefix, ...parts).hex(32);
}

const MIX = 0x9e3779b1;
const MIX_INVERSE = inverse(MIX);

function inverse(odd: number): number {
  let inv = odd;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(odd, inv)) >>> 0;
  return inv;
}

/**
 * A SID that encodes index `i` in its last 8 hex digits (scrambled by an invertible mix), so a
 * lazily generated collection can find a record by SID in O(1). See {@link indexOfSid}.
 */
export function indexedSid(prefix: string, salt: number, i: number): string {
  const head = Rng.of("isid", salt, i).hex(24);
  const tail = hex8(Math.imul((i ^ salt) >>> 0, MIX) >>> 0);
  return prefix + head + tail;
}

/** The index encoded by {@link indexedSid}, or undefined when `sid` was not made with `salt`. */
export function indexOfSid(
  sid: string,
  prefixes: readonly string[],
  salt: number,
): number | undefined {
  if (!/^[A-Z]{2}[0-9a-f]{32}$/.test(sid) || !prefixes.includes(sid.slice(0, 2))) return undefined;
  const tail = Number.parseInt(sid.slice(26), 16);
  const i = ((Math.imul(tail, MIX_INVERSE) >>> 0) ^ salt) >>> 0;
  return indexedSid(sid.slice(0, 2), salt, i) === sid ? i : undefined;
}

/** A North American number: E.164 and the `(NPA) NXX-XXXX` display form. */
export function nanpNumber(rng: Rng, areaCodes: readonly string[]): {
  e164: string;
  formatted: string;
} {
  const npa = rng.pick(areaCodes);
  const nxx = `${rng.int(2, 9)}${rng.digits(2)}`;
  const line = rng.digits(4);
  return { e164: `+1${npa}${nxx}${line}`, formatted: `(${npa}) ${nxx}-${line}` };
}

/** US area codes used for generated numbers. */
export const US_AREA_CODES = ["415", "212", "305", "312", "206", "512", "617", "808"] as const;
