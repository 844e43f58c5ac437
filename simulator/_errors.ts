/**
 * Twilio's error body (`code`, `message`, `more_info`, `status`) as a throwable error.
 *
 * @module
 */

/** An error the simulator answers with Twilio's JSON error body. */
export class TwilioApiError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** Twilio error code (20404, 20003, 20001, ...). */
  readonly code: number;
  /** Extra response headers. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: number,
    message: string,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "TwilioApiError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  /** The JSON body Twilio sends for this error. */
  body(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/** 404 for a path the simulator does not serve. */
export function notFound(path: string): TwilioApiError {
  return new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
}

/** 400 for a bad query parameter. */
export function badRequest(message: string): TwilioApiError {
  return new TwilioApiError(400, 20001, message);
}

/** 401 for missing or wrong credentials. */
export function unauthorized(): TwilioApiError {
  return new TwilioApiError(401, 20003, "Authenticate", {
    "WWW-Authenticate": 'Basic realm="Twilio API"',
  });
}

/** 404 for every path of the retired Programmable Chat API. */
export function chatRetired(path: string): TwilioApiError {
  return new TwilioApiError(
    404,
    20404,
    `The requested resource ${path} was not found: the Programmable Chat API reached end of ` +
      "life in June 2026 and has been retired, use the Conversations API instead",
  );
}

/** 403 for a product host whose product is not enabled for the authenticating account. */
export function productNotEnabled(product: string, accountSid: string): TwilioApiError {
  return new TwilioApiError(
    403,
    20403,
    `Forbidden: the ${product} API is not enabled for account ${accountSid}`,
  );
}

/** 403 for any request authenticated as a suspended or closed account. */
export function accountInactive(accountSid: string, status: string): TwilioApiError {
  return new TwilioApiError(
    403,
    20403,
    `Forbidden: account ${accountSid} is ${status} and lacks permission to access the Twilio API`,
  );
}

/** 403 for Voice Insights on an account without Voice Insights Advanced Features. */
export function insightsDisabled(path: string): TwilioApiError {
  return new TwilioApiError(
    403,
    20403,
    `Forbidden: ${path} needs Voice Insights Advanced Features, which are not active on this ` +
      "account",
  );
}
