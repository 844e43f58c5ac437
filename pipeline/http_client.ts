/**
 * The one HTTP client of a sync: Basic auth, a timeout per request, retries on
 * 429 / 5xx / network errors / broken bodies with `Retry-After` honoured, a
 * retry limit per request, the sync's {@linkcode ProgressGuard} (which stops
 * retrying once the sync stops making progress) and the shared adaptive limiter.
 *
 * @module
 */
import { CancelledError, HttpError, isRetriable, SourceError } from "./errors.ts";
import { AdaptiveLimiter, type Outcome, type RequestLimiter } from "./limiter.ts";
import type { AccountLimiter } from "./account_limiter.ts";
import { type BackoffOptions, parseRetryAfter, ProgressGuard, retryDelay, sleep } from "./retry.ts";

/**
 * Something the client did, for statistics and progress.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { HttpEvent } from "../mod.ts";
 * const events: HttpEvent[] = [
 *   { type: "response", tag: "calls", status: 429, ms: 12 },
 *   { type: "retry", tag: "calls", status: 429, waitMs: 1000, attempt: 1 },
 *   { type: "response", tag: "calls", status: 200, ms: 30 },
 * ];
 * const waited = events.reduce((ms, e) => ms + (e.type === "retry" ? e.waitMs : 0), 0);
 * assert.equal(waited, 1000);
 * ```
 */
export type HttpEvent =
  | { type: "response"; tag: string; status: number; ms: number; account?: string }
  | {
    type: "retry";
    tag: string;
    status: number;
    waitMs: number;
    attempt: number;
    account?: string;
  };

/** Options of {@linkcode HttpClient}. */
export interface HttpClientOptions {
  /** Basic-auth user and password. */
  credentials: { username: string; password: string };
  /**
   * The credentials of an account a request names in `authenticateAs` (a
   * subaccount's SID and auth token); undefined when there are none.
   */
  accountCredentials?: (sid: string) => { username: string; password: string } | undefined;
  /** Transport (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** Per-request timeout in ms (default 60 s). */
  timeoutMs?: number;
  /** Retries of one request (default 8). */
  maxRetries?: number;
  /** Judges when the whole sync stopped making progress (default: its defaults, on `now`). */
  guard?: ProgressGuard;
  /** The limiter every request goes through (default: 10 at most); per account or shared. */
  limiter?: AdaptiveLimiter | AccountLimiter;
  /** Backoff tuning, and the random source for jitter. */
  backoff?: BackoffOptions;
  /** Waits between retries (default: a real timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Clock for `Retry-After` dates (default `Date.now`). */
  now?: () => number;
  /** Receives every response and retry. */
  onEvent?: (event: HttpEvent) => void;
}

/** Options of one request. */
export interface RequestOptions {
  /** Cancels the request and its retries. */
  signal?: AbortSignal | undefined;
  /** A label carried into events (the stream name). */
  tag?: string;
  /** Receives the length (UTF-16 code units) of the body that was parsed. */
  onBody?: (length: number) => void;
  /** The account whose data the request reads: it waits on that account's limit. */
  account?: string | undefined;
  /** Authenticate as this account, with its own credentials, instead of the config's. */
  authenticateAs?: string | undefined;
}

/** GETs JSON from Twilio with authentication, retries and the concurrency limit. */
export class HttpClient {
  #authorization: string;
  #accountCredentials: HttpClientOptions["accountCredentials"];
  #headers = new Map<string, string>();
  #fetch: typeof fetch;
  #timeoutMs: number;
  #maxRetries: number;
  #guard: ProgressGuard;
  #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  #now: () => number;
  #backoff: BackoffOptions;
  #onEvent: ((event: HttpEvent) => void) | undefined;
  /** The limiter shared by every request of this client. */
  readonly limiter: AdaptiveLimiter | AccountLimiter;

  constructor(options: HttpClientOptions) {
    const { username, password } = options.credentials;
    this.#authorization = basic(username, password);
    this.#accountCredentials = options.accountCredentials;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#maxRetries = options.maxRetries ?? 8;
    this.limiter = options.limiter ?? new AdaptiveLimiter({ max: 10 });
    this.#sleep = options.sleep ?? sleep;
    this.#now = options.now ?? Date.now;
    this.#backoff = options.backoff ?? {};
    this.#onEvent = options.onEvent;
    this.#guard = options.guard ?? new ProgressGuard({ now: this.#now });
  }

  /** Retries spent by this client so far. */
  get retries(): number {
    return this.#guard.retries;
  }

  /** GETs `url` and parses the JSON body, retrying what is worth retrying. */
  async getJson(url: URL, options: RequestOptions = {}): Promise<unknown> {
    const { signal, tag = "" } = options;
    for (let attempt = 0;; attempt++) {
      let error: HttpError;
      try {
        const body = await this.#attempt(url, options);
        this.#guard.succeeded();
        return body;
      } catch (caught) {
        if (signal?.aborted) throw new CancelledError(undefined, { cause: caught });
        if (!(caught instanceof HttpError) || !isRetriable(caught)) throw caught;
        error = caught;
      }
      this.#guard.failed();
      if (attempt >= this.#maxRetries) {
        throw new SourceError(
          `${error.message} (gave up after ${attempt} retries of this request; raise ` +
            "max_retries or try again later)",
          "transient_error",
          { cause: error },
        );
      }
      const stalled = this.#guard.retry();
      if (stalled !== undefined) {
        throw new SourceError(
          `${error.message} (the sync stopped making progress: ${stalled}; try again later ` +
            "or lower max_concurrency)",
          "transient_error",
          { cause: error },
        );
      }
      const waitMs = retryDelay(attempt, error.retryAfterMs, this.#backoff);
      this.#onEvent?.({
        type: "retry",
        tag,
        status: error.status,
        waitMs,
        attempt: attempt + 1,
        ...(options.account === undefined ? {} : { account: options.account }),
      });
      try {
        await this.#sleep(waitMs, signal);
      } catch (cause) {
        throw new CancelledError(undefined, { cause });
      }
    }
  }

  async #attempt(url: URL, options: RequestOptions): Promise<unknown> {
    const { signal, tag = "", onBody, account } = options;
    const authorization = this.#authorizationOf(options.authenticateAs);
    const limiter: RequestLimiter = this.limiter;
    await limiter.acquire(signal, account);
    const started = this.#now();
    let outcome: Outcome = "failed";
    let status = 0;
    let serverInFlight: number | undefined;
    try {
      using timeout = deadline(signal, this.#timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await this.#fetch(url, {
          headers: { authorization, accept: "application/json" },
          redirect: "manual",
          signal: timeout.signal,
        });
        status = response.status;
        const concurrent = Number(response.headers.get("twilio-concurrent-requests") ?? NaN);
        if (Number.isFinite(concurrent)) serverInFlight = concurrent;
        text = await bodyText(response);
      } catch (cause) {
        const what = timeout.expired ? `timed out after ${this.#timeoutMs} ms` : "network error";
        throw new HttpError(`Request to ${safe(url)} failed: ${what}`, {
          status: 0,
          url: safe(url),
          cause,
        });
      }
      if (response.status === 429) outcome = "throttled";
      if (!response.ok) throw this.#statusError(url, response, text);
      const body = parseBody(text, url);
      onBody?.(text.length);
      outcome = "ok";
      return body;
    } finally {
      limiter.release(outcome, serverInFlight, account);
      const ms = this.#now() - started;
      this.#onEvent?.({ type: "response", tag, status, ms, ...(account ? { account } : {}) });
    }
  }

  /** The Authorization header of a request: the config's, or an account's own. */
  #authorizationOf(sid: string | undefined): string {
    if (sid === undefined) return this.#authorization;
    let header = this.#headers.get(sid);
    if (header === undefined) {
      const credentials = this.#accountCredentials?.(sid);
      if (!credentials) {
        throw new SourceError(`No credentials for account ${sid}`, "system_error");
      }
      header = basic(credentials.username, credentials.password);
      this.#headers.set(sid, header);
    }
    return header;
  }

  #statusError(url: URL, response: Response, text: string): HttpError {
    let code: number | undefined;
    let detail = text.slice(0, 200);
    try {
      const body = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (typeof body.code === "number") code = body.code;
      if (typeof body.message === "string") detail = body.message;
    } catch {
      // Not JSON: keep the start of the text.
    }
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.#now());
    return new HttpError(`Twilio answered ${response.status} for ${safe(url)}: ${detail}`, {
      status: response.status,
      url: safe(url),
      ...(code === undefined ? {} : { code }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
}

/**
 * The signal of one request: aborted by the caller's signal, or once `ms`
 * have passed. Disposing it clears the timer and the listener at once, so a
 * sync of many thousands of requests keeps no timers or signals of finished
 * ones (`AbortSignal.timeout` would keep each alive for the whole timeout).
 */
function deadline(signal: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`Timed out after ${ms} ms`, "TimeoutError"));
  }, ms);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    get expired(): boolean {
      return expired;
    },
    [Symbol.dispose](): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}

function parseBody(text: string, url: URL): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HttpError(`Twilio sent a broken JSON body for ${safe(url)}`, {
      status: 0,
      url: safe(url),
      cause,
    });
  }
}

function basic(username: string, password: string): string {
  return "Basic " + btoa(`${username}:${password}`);
}

/** The URL without anything that could be a credential. */
export function safe(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

/**
 * The body as text, decoded chunk by chunk as it arrives. `Response.text()`
 * gathers the whole body into one buffer first: a megabyte of native memory
 * per page, which the allocator keeps long after the page is gone.
 */
async function bodyText(response: Response): Promise<string> {
  if (!response.body) return "";
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of response.body) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
