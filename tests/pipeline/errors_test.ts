import { equal, ok } from "node:assert/strict";
import {
  asSourceError,
  CancelledError,
  ConfigError,
  HttpError,
  isRetriable,
  RecordValidationError,
  SourceError,
} from "../../pipeline/errors.ts";

function httpError(status: number): HttpError {
  return new HttpError(`status ${status}`, { status, url: "https://api.twilio.com/x" });
}

Deno.test("isRetriable() accepts 429, 5xx gateway statuses and network errors (status 0)", () => {
  for (const status of [0, 429, 500, 502, 503, 504]) {
    equal(isRetriable(httpError(status)), true, `status ${status}`);
  }
});

Deno.test("isRetriable() refuses client errors", () => {
  for (const status of [400, 401, 403, 404, 405, 409, 422]) {
    equal(isRetriable(httpError(status)), false, `status ${status}`);
  }
});

Deno.test("isRetriable() refuses anything that is not an HttpError", () => {
  equal(isRetriable(new TypeError("network")), false);
  equal(isRetriable(new SourceError("x", "transient_error")), false);
  equal(isRetriable("429"), false);
  equal(isRetriable(undefined), false);
});

Deno.test("HttpError maps its status to a failure type", () => {
  equal(httpError(401).failureType, "config_error");
  for (const status of [0, 429, 500, 502, 503, 504]) {
    equal(httpError(status).failureType, "transient_error", `status ${status}`);
  }
  for (const status of [400, 404]) {
    equal(httpError(status).failureType, "system_error", `status ${status}`);
  }
});

Deno.test("HttpError carries status, url, code, retry-after, stream and cause", () => {
  const cause = new Error("inner");
  const error = new HttpError("Twilio answered 429", {
    status: 429,
    url: "https://api.twilio.com/2010-04-01/Accounts.json",
    code: 20429,
    retryAfterMs: 3000,
    stream: "calls",
    cause,
  });
  equal(error.name, "HttpError");
  equal(error.status, 429);
  equal(error.url, "https://api.twilio.com/2010-04-01/Accounts.json");
  equal(error.code, 20429);
  equal(error.retryAfterMs, 3000);
  equal(error.stream, "calls");
  equal(error.cause, cause);
  ok(error instanceof SourceError);
});

Deno.test("error subclasses set their name and failure type", () => {
  const config = new ConfigError("bad");
  equal(config.name, "ConfigError");
  equal(config.failureType, "config_error");
  const validation = new RecordValidationError("bad", { stream: "calls" });
  equal(validation.name, "RecordValidationError");
  equal(validation.failureType, "system_error");
  equal(validation.stream, "calls");
  const cancelled = new CancelledError();
  equal(cancelled.name, "CancelledError");
  equal(cancelled.failureType, "transient_error");
  equal(cancelled.message, "The read was cancelled");
  for (const error of [config, validation, cancelled]) ok(error instanceof SourceError);
});

Deno.test("SourceError has no cause unless one is given", () => {
  equal("cause" in new SourceError("x", "system_error"), false);
  equal(new SourceError("x", "system_error", { cause: 0 }).cause, 0);
});

Deno.test("asSourceError() returns a SourceError unchanged", () => {
  const error = new ConfigError("bad config");
  equal(asSourceError(error), error);
});

Deno.test("asSourceError() wraps other errors as system_error with the cause", () => {
  const cause = new RangeError("boom");
  const error = asSourceError(cause);
  ok(error instanceof SourceError);
  equal(error.failureType, "system_error");
  equal(error.message, "Unexpected failure: boom");
  equal(error.cause, cause);
});

Deno.test("asSourceError() wraps thrown non-errors", () => {
  const error = asSourceError("a string");
  equal(error.message, "Unexpected failure: a string");
  equal(error.failureType, "system_error");
  equal(error.cause, "a string");
});
