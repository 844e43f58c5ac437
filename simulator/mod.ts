/**
 * A Twilio simulator for tests, demos and benchmarks.
 *
 * - **Routing** (`docs/DESIGN.md`): `/{product}{twilioPath}` with product `api`,
 *   `conversations`, `studio` (v1 and v2, same data), `verify`, `trunking`, `monitor`, `pricing`,
 *   `insights`. The list endpoints of the 40 streams the connector reads (the pricing streams:
 *   each country list and each country's own resource), `Usage/Records/Daily.json` and
 *   `Usage/Records.json`, and single-record fetches (`…/{Sid}.json`, `…/{Sid}`). Every `/chat/…`
 *   path answers 404: the Chat API is retired. Unknown paths answer Twilio's 20404 body.
 * - **Auth**: HTTP Basic with any account's SID + auth token (`sim.accounts`), or the main
 *   account's API key SID + secret; anything else is 401 (code 20003,
 *   `WWW-Authenticate: Basic realm="Twilio API"`). Twilio's rules of reach: on the product
 *   hosts the credentials choose the account (main token or API key → the main account's data,
 *   a subaccount's token → that subaccount's; Pricing is the same public data for all); on the
 *   2010 API the main auth token reaches every account's paths, a subaccount's token and the API
 *   key only their own account's (others answer 401). The Accounts list gives the main token the
 *   whole tree with auth tokens, the API key the whole tree with `auth_token: ""`, a subaccount
 *   itself alone.
 * - **Data**: deterministic for a seed, per account (product-host data too, `account_sid` on
 *   every record; each account's Voice Insights summarise its own calls and conferences); each
 *   account's data is generated on first use, so a tree of 1,000 subaccounts starts at once.
 *   Messages, calls and alerts are lazy (`{ count, at(i) }` with the date non-decreasing in
 *   `i`), so a million records cost no memory and date filters are binary searches. 2010
 *   records use RFC 2822 dates and host-relative URIs, the other APIs ISO 8601 and Twilio's
 *   absolute URLs. `productsDisabled` turns a product off for an account (403, code 20403).
 * - **Paging**: `PageSize` (default 50, above the endpoint's maximum is 400), `Page`,
 *   `PageToken` (opaque anchor + checksum; invalid is 400). 2010 lists put `*_page_uri` at the
 *   top level, the other APIs a `meta` object with absolute URLs on the simulator's origin.
 * - **Twilio-of-today rules**: conferences default to `Status=in-progress`; messages, media and
 *   recordings refuse lower date bounds older than 400 days; alerts refuse a `StartDate` older
 *   than 30 days and pages starting at result 10,000; usage records answer 404 before the
 *   account's creation day; Voice Insights keeps 30 days, Voice Summaries start 4 hours back
 *   without `StartTime` and list only complete summaries without `ProcessingState`, and with
 *   `insights: false` no account has Voice Insights Advanced Features (403, code 20403).
 * - **Faults** (all off by default): 429 with `Retry-After`, 500/503, truncated 200 bodies,
 *   latency (overall and per account), a concurrency limit (overall and per account),
 *   next-page links to a foreign origin. A request's fault depends on (seed, its method,
 *   path and query, its authenticating subaccount, how often it was asked), at most
 *   `maxFaultsInARow` in a row. Every response carries `Twilio-Concurrent-Requests`.
 *
 * @example Start, read, stop
 * ```ts
 * import { startSimulator } from "./mod.ts";
 *
 * await using sim = await startSimulator({ counts: { messages: 5 } });
 * const auth = `Basic ${btoa(`${sim.accountSid}:${sim.authToken}`)}`;
 * const url = `${sim.url}/api/2010-04-01/Accounts/${sim.accountSid}/Messages.json`;
 * const body = await (await fetch(url, { headers: { Authorization: auth } })).json();
 * if (body.messages.length !== 5) throw new Error("expected 5 messages");
 * ```
 *
 * @module
 */

export { startSimulator } from "./_simulator.ts";
export type { ExpectedOptions, Simulator, SimulatorOptions } from "./_types.ts";
export type { FaultOptions } from "./_faults.ts";
export type { ForeignServer } from "./_foreign.ts";
export type { MutateOptions, MutationSummary } from "./_mutate.ts";
export type { RequestLogEntry, SimulatorStats } from "./_stats.ts";
export { type CountName, DEFAULT_COUNTS } from "./_counts.ts";
export { STREAM_NAMES, type StreamName } from "./_expected.ts";
export type { ProductHost } from "./_products.ts";
