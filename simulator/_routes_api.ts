/**
 * The 2010-04-01 API list routes (product `api`).
 *
 * @module
 */

import { arrayCollection } from "./_collection.ts";
import { availableRows, NUMBER_TYPES, type NumberType } from "./_gen_available.ts";
import { accountOf, checkRetention, type ListRoute } from "./_route.ts";
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
    resolve: (ctx) => arrayCollection(ctx.world.accounts.map((a) => a.row)),
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
