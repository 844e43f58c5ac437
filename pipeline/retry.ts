/**
 * Retry timing: `Retry-After` parsing, exponential backoff with jitter, and the
 * whole sync's judgement of when retrying stopped making progress.
 *
 * @module
 */

const HTTP_DATE = /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds (fractions
 * allowed) or an HTTP date. `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  if (!HTTP_DATE.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Options of {@linkcode retryDelay}. */
export interface BackoffOptions {
  /** First backoff step in ms (default 500). */
  baseMs?: number;
  /** Largest backoff in ms (default 60 s). */
  maxMs?: number;
  /** Random source in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/**
 * How long to wait before retry number `attempt` (0-based). A server's
 * `Retry-After` is never undercut: a little jitter is only ever added to it, so
 * that parallel requests do not come back in lock step. Without it: exponential
 * backoff with "equal jitter" (half fixed, half random).
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = {},
): number {
  const random = options.random ?? Math.random;
  if (retryAfterMs !== undefined) {
    return retryAfterMs + Math.floor(random() * Math.min(1000, retryAfterMs * 0.1 + 50));
  }
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 60_000;
  const step = Math.min(max, base * 2 ** attempt);
  return Math.floor(step / 2 + random() * (step / 2));
}

/** Options of {@linkcode ProgressGuard}. */
export interface ProgressGuardOptions {
  /** Attempts in the recent window (default 1000). */
  window?: number;
  /** Share of failed attempts in a full window above which the sync gives up (default 0.9). */
  maxFailureShare?: number;
  /** Time without one successful request after which the sync gives up, in ms (default 15 min). */
  stallMs?: number;
  /** Clock (default `Date.now`). */
  now?: () => number;
}

/**
 * Decides, for a whole sync, when retrying is no longer worth it: when the
 * sync stopped making progress, not after a fixed count of retries, so that a
 * long healthy sync under a steady share of faults never runs out. It gives up
 * once the share of failed attempts over the last `window` attempts is above
 * `maxFailureShare`, or once no request has succeeded for `stallMs`; from then
 * on every retry is refused. (One request that exhausts its own retries is the
 * client's business: see `maxRetries` of the HTTP client.)
 */
export class ProgressGuard {
  #outcomes: Uint8Array;
  #next = 0;
  #seen = 0;
  #failed = 0;
  #maxFailureShare: number;
  #stallMs: number;
  #now: () => number;
  #lastSuccess: number;
  #retries = 0;
  #verdict: string | undefined;

  constructor(options: ProgressGuardOptions = {}) {
    this.#outcomes = new Uint8Array(Math.max(1, options.window ?? 1000));
    this.#maxFailureShare = options.maxFailureShare ?? 0.9;
    this.#stallMs = options.stallMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
    this.#lastSuccess = this.#now();
  }

  /** Retries granted so far. */
  get retries(): number {
    return this.#retries;
  }

  /** Records an attempt that succeeded. */
  succeeded(): void {
    this.#record(0);
    this.#lastSuccess = this.#now();
  }

  /** Records an attempt that failed in a way worth retrying. */
  failed(): void {
    this.#record(1);
  }

  /**
   * Asks for one retry: `undefined` grants it, a text refuses it and says why
   * the sync stopped making progress, with the figures.
   */
  retry(): string | undefined {
    this.#verdict ??= this.#judge();
    if (this.#verdict === undefined) this.#retries++;
    return this.#verdict;
  }

  #judge(): string | undefined {
    const size = this.#outcomes.length;
    if (this.#seen >= size && this.#failed > size * this.#maxFailureShare) {
      return `${this.#failed} of the last ${size} requests failed, more than ` +
        `${Math.round(this.#maxFailureShare * 100)} %`;
    }
    const quiet = this.#now() - this.#lastSuccess;
    if (quiet >= this.#stallMs) {
      return `no request has succeeded for ${Math.round(quiet / 1000)} s (the limit is ` +
        `${Math.round(this.#stallMs / 1000)} s)`;
    }
    return undefined;
  }

  #record(outcome: 0 | 1): void {
    if (this.#seen >= this.#outcomes.length) this.#failed -= this.#outcomes[this.#next]!;
    else this.#seen++;
    this.#outcomes[this.#next] = outcome;
    this.#failed += outcome;
    this.#next = (this.#next + 1) % this.#outcomes.length;
  }
}

/** Sleeps `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
