/**
 * The 2010-04-01 API list routes (product `api`).
 *
 * @module
 */

import { arrayCollection, type Collection } from "./_collection.ts";
import { unauthorized } from "./_errors.ts";
import { availableRows, NUMBER_TYPES, type NumberType } from "./_gen_available.ts";
import { accountOf, checkRetention, type ListRoute, type RouteContext } from "./_route.ts";
import { usageRoute } from "./_routes_usage.ts";
import type { AccountList } from "./_world.ts";

const ACCOUNT = "/2010-04-01/Accounts/{AccountSid}";
const MAX = 1000;

/** Values of the calls `Status` filter. */
export const CALL_STATUSES = [
  "queued",
  "ringing",
  "in-progress",
  "completed",
  "busy",
  "failed",
  "no-answer",
  "canceled",
] as const;

function list(name: AccountList, segment: string, key: string = name): ListRoute {
  return {
    product: "api",
    pattern: `${ACCOUNT}/${segment}.json`,
    style: "2010",
    key,
    maxPageSize: MAX,
    resolve: (ctx) => accountOf(ctx)?.lists[name],
  };
}

function available(type: NumberType): ListRoute {
  return {
    product: "api",
    pattern: `${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}/${NUMBER_TYPES[type]}.json`,
    style: "2010",
    key: "available_phone_numbers",
    maxPageSize: MAX,
    instances: false,
    resolve(ctx) {
      const account = accountOf(ctx);
      const code = ctx.params.CountryCode ?? "";
      const count = ctx.world.counts.available_phone_numbers;
      const rows = account && availableRows(ctx.world.seed, account.sid, code, type, count);
      return rows && arrayCollection(rows);
    },
  };
}

/**
 * The Accounts list as the caller sees it: the main account's auth token lists the whole tree
 * with every `auth_token`; the main API key lists it too (a Main key may manage subaccounts)
 * but with `auth_token` empty, as Twilio answers API keys; a subaccount's credentials list that
 * subaccount alone. Fetching an account the caller does not see answers 401.
 */
function accountsCollection(ctx: RouteContext): Collection {
  const { world, caller } = ctx;
  const sid = ctx.params.Sid;
  if (caller.account !== 0) {
    const own = world.keys[caller.account];
    if (!own || (sid !== undefined && sid !== own.sid && world.indexOf(sid) !== undefined)) {
      throw unauthorized();
    }
    return arrayCollection([world.accountRow(own)]);
  }
  const hide = caller.kind === "apiKey";
  const at = (i: number) => {
    const key = world.keys[i];
    if (!key) throw new RangeError(`Index out of range: ${i}`);
    const row = world.accountRow(key);
    return hide ? { ...row, auth_token: "" } : row;
  };
  return {
    count: world.keys.length,
    at,
    find(found) {
      const index = world.indexOf(found);
      return index === undefined ? undefined : at(index);
    },
  };
}

/** Every 2010-API list route. */
export const API_ROUTES: readonly ListRoute[] = [
  {
    product: "api",
    pattern: "/2010-04-01/Accounts.json",
    style: "2010",
    key: "accounts",
    maxPageSize: MAX,
    filters: [
      { kind: "eq", param: "Status", field: "status" },
      { kind: "eq", param: "FriendlyName", field: "friendly_name" },
    ],
    resolve: accountsCollection,
  },
  list("addresses", "Addresses"),
  list("applications", "Applications"),
  {
    ...list("available_phone_number_countries", "AvailablePhoneNumbers", "countries"),
    style: "bare",
    instances: false,
  },
  available("local"),
  available("mobile"),
  available("toll_free"),
  list("incoming_phone_numbers", "IncomingPhoneNumbers"),
  list("keys", "Keys"),
  list("outgoing_caller_ids", "OutgoingCallerIds"),
  list("queues", "Queues"),
  list("transcriptions", "Transcriptions"),
  list("usage_triggers", "Usage/Triggers", "usage_triggers"),
  {
    ...list("recordings", "Recordings"),
    order: "desc",
    filters: [{ kind: "date", param: "DateCreated", field: "date_created" }],
    resolve(ctx) {
      checkRetention(ctx, "date_created");
      return accountOf(ctx)?.lists.recordings;
    },
  },
  {
    ...list("conferences", "Conferences"),
    order: "desc",
    filters: [
      { kind: "date", param: "DateCreated", field: "date_created" },
      { kind: "date", param: "DateUpdated", field: "date_updated" },
      {
        kind: "eq",
        param: "Status",
        field: "status",
        values: ["init", "in-progress", "completed"],
        fallback: "in-progress",
      },
      { kind: "eq", param: "FriendlyName", field: "friendly_name" },
    ],
  },
  {
    product: "api",
    pattern: `${ACCOUNT}/Conferences/{ConferenceSid}/Participants.json`,
    style: "2010",
    key: "participants",
    maxPageSize: MAX,
    instances: false,
    resolve: (ctx) => accountOf(ctx)?.participants.get(ctx.params.ConferenceSid ?? ""),
  },
  {
    product: "api",
    pattern: `${ACCOUNT}/Addresses/{AddressSid}/DependentPhoneNumbers.json`,
    style: "2010",
    key: "dependent_phone_numbers",
    maxPageSize: MAX,
    resolve: (ctx) => accountOf(ctx)?.dependents.get(ctx.params.AddressSid ?? ""),
  },
  {
    product: "api",
    pattern: `${ACCOUNT}/Messages.json`,
    style: "2010",
    key: "messages",
    maxPageSize: MAX,
    order: "desc",
    filters: [
      { kind: "date", param: "DateSent", field: "date_sent" },
      { kind: "eq", param: "To", field: "to" },
      { kind: "eq", param: "From", field: "from" },
    ],
    resolve(ctx) {
      checkRetention(ctx, "date_sent");
      return accountOf(ctx)?.messages;
    },
  },
  {
    product: "api",
    pattern: `${ACCOUNT}/Messages/{MessageSid}/Media.json`,
    style: "2010",
    key: "media_list",
    maxPageSize: MAX,
    order: "desc",
    filters: [{ kind: "date", param: "DateCreated", field: "date_created" }],
    resolve(ctx) {
      checkRetention(ctx, "date_created");
      const rows = accountOf(ctx)?.messages.media(ctx.params.MessageSid ?? "");
      return rows && arrayCollection(rows, "date_created");
    },
  },
  {
    product: "api",
    pattern: `${ACCOUNT}/Calls.json`,
    style: "2010",
    key: "calls",
    maxPageSize: MAX,
    order: "desc",
    filters: [
      { kind: "date", param: "StartTime", field: "start_time" },
      { kind: "date", param: "EndTime", field: "end_time" },
      { kind: "eq", param: "Status", field: "status", values: CALL_STATUSES },
      { kind: "eq", param: "To", field: "to" },
      { kind: "eq", param: "From", field: "from" },
    ],
    resolve: (ctx) => accountOf(ctx)?.calls,
  },
  usageRoute("Records/Daily.json", true),
  usageRoute("Records.json", false),
];
