/**
 * Retry timing: `Retry-After` parsing, exponential backoff with jitter, and the
 * per-sync retry budget.
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

/** A count of retries shared by a whole sync. */
export class RetryBudget {
  #remaining: number;
  #used = 0;

  constructor(total: number) {
    this.#remaining = total;
  }

  /** Retries spent so far. */
  get used(): number {
    return this.#used;
  }

  /** Takes one retry; false when none is left. */
  take(): boolean {
    if (this.#remaining <= 0) return false;
    this.#remaining--;
    this.#used++;
    return true;
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
