/**
 * The connector's closed error hierarchy. Every error carries the Airbyte
 * `failure_type` it maps to, so the edge of the program can turn any escaping
 * error into one TRACE error without guessing.
 *
 * @module
 */

/** The Airbyte failure types, as the protocol spells them. */
export type FailureType = "config_error" | "system_error" | "transient_error";

/** Options shared by every error of this module. */
export interface SourceErrorOptions extends ErrorOptions {
  /** The stream the error belongs to, when there is one. */
  stream?: string;
  /** Detail for operators: goes to `internal_message`, never contains secrets. */
  internal?: string;
}

/** Base class: an error that knows its Airbyte `failure_type`. */
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

/** The user's input (config, catalog, state, credentials) is wrong: retrying will not help. */
export class ConfigError extends SourceError {
  /** Creates a `config_error`. */
  constructor(message: string, options: SourceErrorOptions = {}) {
    super(message, "config_error", options);
    this.name = "ConfigError";
  }
}

/** Options of {@linkcode HttpError}. */
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

/** A request failed: a status Twilio answered, a network error or a body we could not read. */
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

/** The read was cancelled by a signal (SIGINT, SIGTERM or the caller's AbortSignal). */
export class CancelledError extends SourceError {
  /** Creates a `transient_error`: the sync can simply run again. */
  constructor(message = "The read was cancelled", options: SourceErrorOptions = {}) {
    super(message, "transient_error", options);
    this.name = "CancelledError";
  }
}

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
