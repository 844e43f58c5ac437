/**
 * The HTTP layer: statistics, latency, authentication, faults, then the router.
 *
 * Order per request: count it (and its in-flight number), wait `latencyMs`, check credentials
 * (401), refuse when more than `maxInFlight` were in flight at arrival (429), roll the fault
 * for this request (429 / 500 / 503; see `_faults.ts`), route (GET only), and cut the body when
 * the roll said so. Every response carries `Twilio-Concurrent-Requests` (requests in flight at arrival)
 * and a deterministic `Twilio-Request-Id`.
 *
 * @module
 */

import { type Credential, isAuthorized } from "./_auth.ts";
import { TwilioApiError, unauthorized } from "./_errors.ts";
import { FaultDice, type FaultOptions, serverError, tooManyRequests, truncate } from "./_faults.ts";
import { Rng } from "./_random.ts";
import type { Router } from "./_router.ts";
import type { StatsRecorder } from "./_stats.ts";

/** What the handler works with. */
export interface HandlerOptions {
  readonly seed: number;
  readonly router: Router;
  readonly stats: StatsRecorder;
  readonly credentials: readonly Credential[];
  /** Current fault settings (read per request). */
  readonly faults: () => FaultOptions;
}

/** Builds the `Deno.serve` handler. */
export function createHandler(options: HandlerOptions): (request: Request) => Promise<Response> {
  let sequence = 0;
  const dice = new FaultDice(options.seed);
  return async (request) => {
    const url = new URL(request.url);
    const seq = ++sequence;
    const inFlight = options.stats.begin(url.pathname);
    let status = 500;
    try {
      const response = await respond(options, dice, request, url, seq, inFlight);
      status = response.status;
      return response;
    } finally {
      options.stats.end({
        method: request.method,
        path: url.pathname,
        query: url.search.slice(1),
        status,
        auth: request.headers.has("authorization"),
      });
    }
  };
}

async function respond(
  options: HandlerOptions,
  dice: FaultDice,
  request: Request,
  url: URL,
  seq: number,
  inFlight: number,
): Promise<Response> {
  const seed = options.seed;
  const faults = options.faults();
  if ((faults.latencyMs ?? 0) > 0) {
    await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  }
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    "Twilio-Concurrent-Requests": String(inFlight),
    "Twilio-Request-Id": `RQ${Rng.of(seed, "request", seq).hex(32)}`,
  };
  try {
    if (!isAuthorized(request.headers.get("authorization"), options.credentials)) {
      throw unauthorized();
    }
    if (faults.maxInFlight !== undefined && inFlight > faults.maxInFlight) {
      throw tooManyRequests(faults);
    }
    const { fault, draw } = dice.roll(`${request.method} ${url.pathname}${url.search}`, faults);
    if (fault === "429") throw tooManyRequests(faults);
    if (fault === "500" || fault === "503") throw serverError(fault === "500" ? 500 : 503);
    if (request.method !== "GET") {
      throw new TwilioApiError(405, 20004, `Method not allowed: ${request.method}`, {
        Allow: "GET",
      });
    }
    const body = JSON.stringify(options.router.serve(url.pathname, url.searchParams));
    const text = fault === "truncated" ? truncate(body, draw) : body;
    return new Response(text, { status: 200, headers });
  } catch (error) {
    const twilio = error instanceof TwilioApiError
      ? error
      : new TwilioApiError(500, 20500, `Internal Server Error: ${String(error)}`);
    return new Response(JSON.stringify(twilio.body()), {
      status: twilio.status,
      headers: { ...headers, ...twilio.headers },
    });
  }
}
