/**
 * The HTTP layer: statistics, latency, authentication, faults, then the router.
 *
 * Order per request: count it (and its in-flight number, overall and for its account), wait
 * `latencyMs` (plus its account's `latencyMsByAccount`), check credentials (401), refuse when
 * more than `maxInFlight` were in flight at arrival, or more than `maxInFlightPerAccount` for
 * its account (429), roll the fault for this request (429 / 500 / 503; see `_faults.ts`), route
 * (GET only), and cut the body when the roll said so. Every response carries
 * `Twilio-Concurrent-Requests` (requests in flight at arrival) and a deterministic
 * `Twilio-Request-Id`.
 *
 * The account of a request is the `{AccountSid}` of its path on the 2010 API (when it is an
 * account of the tree), else the account its credentials authenticate as. A request's identity
 * for the fault dice is its method, path and query, plus the authenticating account when that is
 * a subaccount (the same product-host path of two accounts is two different requests).
 *
 * @module
 */

import { authenticate, type Caller } from "./_auth.ts";
import { accountInactive, TwilioApiError, unauthorized } from "./_errors.ts";
import { FaultDice, type FaultOptions, serverError, tooManyRequests, truncate } from "./_faults.ts";
import { Rng } from "./_random.ts";
import type { Router } from "./_router.ts";
import type { StatsRecorder } from "./_stats.ts";
import type { World } from "./_world.ts";

/** What the handler works with. */
export interface HandlerOptions {
  readonly seed: number;
  readonly router: Router;
  readonly stats: StatsRecorder;
  /** The accounts whose credentials are accepted. */
  readonly world: World;
  /** Current fault settings (read per request). */
  readonly faults: () => FaultOptions;
}

/** Builds the `Deno.serve` handler. */
export function createHandler(options: HandlerOptions): (request: Request) => Promise<Response> {
  let sequence = 0;
  const world = options.world;
  const principals = {
    apiKey: world.apiKey,
    indexOf: (sid: string) => world.indexOf(sid),
    tokenOf: (index: number) => world.keys[index]?.authToken,
  };
  const dice = new FaultDice(options.seed);
  return async (request) => {
    const url = new URL(request.url);
    const seq = ++sequence;
    const inFlight = options.stats.begin(url.pathname);
    const caller = authenticate(request.headers.get("authorization"), principals);
    const account = caller && accountOfRequest(options.world, url.pathname, caller);
    const sid = account === undefined ? undefined : options.world.keys[account]?.sid;
    const arrival: Arrival = {
      seq,
      inFlight,
      caller,
      account,
      accountInFlight: sid === undefined
        ? 0
        : options.stats.beginAccount(sid, !url.pathname.startsWith("/api/")),
    };
    let status = 500;
    try {
      const response = await respond(options, dice, request, url, arrival);
      status = response.status;
      return response;
    } finally {
      if (sid !== undefined) options.stats.endAccount(sid);
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

/** What is known of a request when it arrives. */
interface Arrival {
  readonly seq: number;
  /** Requests in flight, this one included. */
  readonly inFlight: number;
  readonly caller: Caller | undefined;
  /** Index of the request's account (undefined when not authenticated). */
  readonly account: number | undefined;
  /** Requests of that account in flight, this one included. */
  readonly accountInFlight: number;
}

const ACCOUNT_PATH = /^\/api\/2010-04-01\/Accounts\/([^/]+?)(?:\.json)?(?:\/|$)/;

/** The account a request counts against: its 2010 path's account, else the caller's. */
function accountOfRequest(world: World, path: string, caller: Caller): number {
  const sid = ACCOUNT_PATH.exec(path)?.[1];
  return (sid === undefined ? undefined : world.indexOf(sid)) ?? caller.account;
}

/** `latencyMs` plus the extra latency of the request's account. */
function latencyOf(world: World, faults: FaultOptions, account: number | undefined): number {
  let ms = faults.latencyMs ?? 0;
  const byAccount = faults.latencyMsByAccount;
  if (byAccount !== undefined && account !== undefined) {
    const sid = world.keys[account]?.sid;
    ms += byAccount[String(account)] ?? (sid === undefined ? 0 : byAccount[sid] ?? 0);
  }
  return ms;
}

async function respond(
  options: HandlerOptions,
  dice: FaultDice,
  request: Request,
  url: URL,
  arrival: Arrival,
): Promise<Response> {
  const seed = options.seed;
  const { seq, inFlight, caller } = arrival;
  const faults = options.faults();
  const latency = latencyOf(options.world, faults, arrival.account);
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    "Twilio-Concurrent-Requests": String(inFlight),
    "Twilio-Request-Id": `RQ${Rng.of(seed, "request", seq).hex(32)}`,
  };
  try {
    if (caller === undefined) throw unauthorized();
    const own = options.world.keys[caller.account];
    if (own && own.status !== "active") throw accountInactive(own.sid, own.status);
    if (faults.maxInFlight !== undefined && inFlight > faults.maxInFlight) {
      throw tooManyRequests(faults);
    }
    const perAccount = faults.maxInFlightPerAccount;
    if (perAccount !== undefined && arrival.accountInFlight > perAccount) {
      throw tooManyRequests(faults);
    }
    const as = caller.account === 0 ? "" : ` @${caller.account}`;
    const identity = `${request.method} ${url.pathname}${url.search}${as}`;
    const { fault, draw } = dice.roll(identity, faults);
    if (fault === "429") throw tooManyRequests(faults);
    if (fault === "500" || fault === "503") throw serverError(fault === "500" ? 500 : 503);
    if (request.method !== "GET") {
      throw new TwilioApiError(405, 20004, `Method not allowed: ${request.method}`, {
        Allow: "GET",
      });
    }
    const body = JSON.stringify(options.router.serve(url.pathname, url.searchParams, caller));
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
