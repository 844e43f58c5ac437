/**
 * The connector's closed error hierarchy. Every error carries the Airbyte
 * `failure_type` it maps to, so the edge of the program can turn any escaping
 * error into one TRACE error without guessing.
 *
 * @module
 */

/**
 * The Airbyte failure types, as the protocol spells them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError, type FailureType, HttpError } from "../mod.ts";
 * const url = "https://api.twilio.com/2010-04-01/Accounts.json";
 * const errors = [
 *   new ConfigError("Invalid config: start_date is missing"),
 *   new HttpError("Twilio answered 503", { status: 503, url }),
 *   new HttpError("Twilio answered 404", { status: 404, url }),
 * ];
 * const expected: FailureType[] = ["config_error", "transient_error", "system_error"];
 * assert.deepEqual(errors.map((error) => error.failureType), expected);
 * ```
 */
export type FailureType = "config_error" | "system_error" | "transient_error";

/**
 * Options shared by every error of this module.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SourceError, type SourceErrorOptions } from "../mod.ts";
 * const cause = new TypeError("Unexpected end of JSON input");
 * const options: SourceErrorOptions = { stream: "calls", internal: "page 3", cause };
 * const error = new SourceError('Cannot read stream "calls"', "system_error", options);
 * assert.equal(error.stream, "calls");
 * assert.equal(error.internal, "page 3");
 * assert.equal(error.cause, cause);
 * ```
 */
export interface SourceErrorOptions extends ErrorOptions {
  /** The stream the error belongs to, when there is one. */
  stream?: string;
  /** Detail for operators: goes to `internal_message`, never contains secrets. */
  internal?: string;
}

/**
 * Base class: an error that knows its Airbyte `failure_type`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SourceError } from "../mod.ts";
 * const error = new SourceError("Twilio is unavailable", "transient_error");
 * assert.ok(error instanceof Error);
 * assert.equal(error.name, "SourceError");
 * assert.equal(error.failureType, "transient_error");
 * assert.equal(error.stream, undefined);
 * ```
 */
export class SourceError extends Error {
  /** How the platform should treat the failure. */
  readonly failureType: FailureType;
  /** The stream the error belongs to, when there is one. */
  readonly stream: string | undefined;
  /** Detail for operators. */
  readonly internal: string | undefined;

  /** Creates an error of the given failure type; `options.cause` is kept as `cause`. */
  constructor(message: string, failureType: FailureType, options: SourceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SourceError";
    this.failureType = failureType;
    this.stream = options.stream;
    this.internal = options.internal;
  }
}

/**
 * The user's input (config, catalog, state, credentials) is wrong: retrying will not help.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError, discover, SourceError } from "../mod.ts";
 * assert.throws(() => discover({ account_sid: "not a SID" }), ConfigError);
 * const error = new ConfigError("Invalid config: start_date is missing");
 * assert.ok(error instanceof SourceError);
 * assert.equal(error.name, "ConfigError");
 * assert.equal(error.failureType, "config_error");
 * ```
 */
export class ConfigError extends SourceError {
  /** Creates a `config_error`. */
  constructor(message: string, options: SourceErrorOptions = {}) {
    super(message, "config_error", options);
    this.name = "ConfigError";
  }
}

/**
 * Options of {@linkcode HttpError}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HttpError, type HttpErrorOptions } from "../mod.ts";
 * const options: HttpErrorOptions = {
 *   status: 429,
 *   url: "https://api.twilio.com/2010-04-01/Accounts.json",
 *   code: 20429,
 *   retryAfterMs: 1000,
 * };
 * const error = new HttpError("Twilio answered 429", options);
 * assert.equal(error.retryAfterMs, 1000);
 * assert.equal(error.failureType, "transient_error");
 * ```
 */
export interface HttpErrorOptions extends SourceErrorOptions {
  /** HTTP status; 0 for a network error or a broken body. */
  status: number;
  /** The request URL with credentials and query secrets stripped. */
  url: string;
  /** Twilio's numeric error code, when the body had one. */
  code?: number;
  /** Milliseconds the server asked us to wait (`Retry-After`). */
  retryAfterMs?: number;
}

/**
 * A request failed: a status Twilio answered, a network error or a body we could not read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HttpError } from "../mod.ts";
 * import { isRetriable } from "./errors.ts";
 * const url = "https://api.twilio.com/2010-04-01/Accounts.json";
 * const unauthorized = new HttpError("Twilio answered 401", { status: 401, url, code: 20003 });
 * assert.equal(unauthorized.name, "HttpError");
 * assert.equal(unauthorized.failureType, "config_error");
 * assert.equal(isRetriable(unauthorized), false);
 * assert.equal(isRetriable(new HttpError("Network error", { status: 0, url })), true);
 * ```
 */
export class HttpError extends SourceError {
  /** HTTP status; 0 for a network error or a broken body. */
  readonly status: number;
  /** The request URL, safe to print. */
  readonly url: string;
  /** Twilio's numeric error code, when the body had one. */
  readonly code: number | undefined;
  /** Milliseconds the server asked us to wait. */
  readonly retryAfterMs: number | undefined;

  /** Creates an HTTP error; the failure type follows from the status. */
  constructor(message: string, options: HttpErrorOptions) {
    super(message, failureTypeOf(options.status), options);
    this.name = "HttpError";
    this.status = options.status;
    this.url = options.url;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A record does not match its stream's schema (raised only in strict validation mode). */
export class RecordValidationError extends SourceError {
  /** Creates a `system_error` for an invalid record. */
  constructor(message: string, options: SourceErrorOptions = {}) {
    super(message, "system_error", options);
    this.name = "RecordValidationError";
  }
}

/**
 * The read was cancelled by a signal (SIGINT, SIGTERM or the caller's AbortSignal).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CancelledError, SourceError } from "../mod.ts";
 * const controller = new AbortController();
 * controller.abort(new CancelledError());
 * const reason: unknown = controller.signal.reason;
 * assert.ok(reason instanceof SourceError && reason.name === "CancelledError");
 * assert.equal(reason.message, "The read was cancelled");
 * assert.equal(reason.failureType, "transient_error");
 * ```
 */
export class CancelledError extends SourceError {
  /** Creates a `transient_error`: the sync can simply run again. */
  constructor(message = "The read was cancelled", options: SourceErrorOptions = {}) {
    super(message, "transient_error", options);
    this.name = "CancelledError";
  }
}

/** What a 401 means to the user, wherever it surfaces (check, read). */
export const CREDENTIALS_REJECTED =
  "Twilio rejected the credentials (401): check account_sid and auth_token (or the API key), " +
  "and that region/edge match the account's region";

const RETRIABLE_STATUSES = new Set([0, 429, 500, 502, 503, 504]);

/** The one place that decides whether a failed request may be tried again. */
export function isRetriable(error: unknown): boolean {
  return error instanceof HttpError && RETRIABLE_STATUSES.has(error.status);
}

function failureTypeOf(status: number): FailureType {
  if (status === 401) return "config_error";
  return RETRIABLE_STATUSES.has(status) ? "transient_error" : "system_error";
}

/** Turns anything thrown into a {@linkcode SourceError} (unknown errors become `system_error`). */
export function asSourceError(error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError(`Unexpected failure: ${message}`, "system_error", { cause: error });
}
