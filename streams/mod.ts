/**
 * The registry: the 40 Twilio streams as plain definitions. Facts (paths,
 * record keys, page-size limits, filters) come from Twilio's OpenAPI specs and
 * the reference connector; see `docs/DESIGN.md` and the README's stream table.
 *
 * @module
 */
import * as S from "../schemas/mod.ts";
import {
  accountPath,
  BY_ACCOUNT,
  defineStream,
  matchPath,
  PAGE,
  type StreamDefinition,
} from "./_define.ts";
import type { JsonObject } from "../protocol/messages.ts";
import { INSIGHTS_STREAMS } from "./insights.ts";
import { PRICING_LISTS, PRICING_STREAMS } from "./pricing.ts";

const API = "api" as const;
const CONV = "conversations" as const;
const SID = [["sid"]] as const;
/** A record is settled once its status is final and, when it was billed, its price is known. */
function settledWhen(billed: readonly string[], unbilled: readonly string[]) {
  return (record: JsonObject): boolean => {
    const status = String(record.status);
    return unbilled.includes(status) || (billed.includes(status) && record.price != null);
  };
}
const MESSAGE_SETTLED = settledWhen(["delivered", "undelivered", "received", "read"], [
  "failed",
  "canceled",
]);
const CALL_SETTLED = settledWhen(["completed"], ["busy", "failed", "no-answer", "canceled"]);

/** An account-scoped 2010-API list read for every account and subaccount, full refresh. */
function accountList(
  name: string,
  resource: string,
  schema: StreamDefinition["schema"],
  recordKey = name,
): StreamDefinition {
  return defineStream({
    name,
    product: API,
    path: accountPath(resource),
    recordKey,
    schema,
    primaryKey: SID,
    pageSize: PAGE.max,
    parent: BY_ACCOUNT,
  });
}

/** Children of an available-phone-number country: one list per number type. */
function availableNumbers(name: string, type: "Local" | "Mobile" | "TollFree"): StreamDefinition {
  const path = `/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/${type}.json`;
  const key = { Local: "local", Mobile: "mobile", TollFree: "toll_free" }[type];
  return defineStream({
    name,
    product: API,
    path,
    recordKey: "available_phone_numbers",
    schema: S.AvailablePhoneNumber,
    primaryKey: [],
    pageSize: PAGE.max,
    parent: {
      stream: "available_phone_number_countries",
      params: (country) => matchPath(path, subresource(country, key)),
    },
    note: "Numbers on offer change on every request: no primary key, no cursor.",
  });
}

function subresource(record: JsonObject, name: string): string | undefined {
  const uris = record.subresource_uris as Record<string, unknown> | null | undefined;
  const uri = uris?.[name];
  return typeof uri === "string" ? uri : undefined;
}

const byParentSid = (stream: string, param: string, key: string) => ({
  stream,
  params: (record: JsonObject) => ({ [param]: String(record.sid) }),
  partition: (record: JsonObject) => ({ [key]: String(record.sid) }),
});

/**
 * Every stream, in the order `discover` lists them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STREAMS } from "../mod.ts";
 * assert.equal(STREAMS.length, 40);
 * assert.equal(STREAMS[0]?.name, "accounts");
 * assert.equal(new Set(STREAMS.map((s) => s.name)).size, STREAMS.length);
 * ```
 */
export const STREAMS: readonly StreamDefinition[] = [
  defineStream({
    name: "accounts",
    product: API,
    path: "/2010-04-01/Accounts.json",
    recordKey: "accounts",
    schema: S.Account,
    primaryKey: SID,
    pageSize: PAGE.max,
  }),
  accountList("addresses", "Addresses", S.Address),
  defineStream({
    name: "alerts",
    product: "monitor",
    path: "/v1/Alerts",
    recordKey: "alerts",
    schema: S.Alert,
    primaryKey: SID,
    pageSize: PAGE.max,
    incremental: {
      cursorField: "date_generated",
      filter: { lower: "StartDate", upper: "EndDate", format: "iso", newestFirst: true },
      step: "P1D",
      retentionDays: 30,
      maxResultsPerQuery: 10_000,
    },
  }),
  accountList("applications", "Applications", S.Application),
  {
    ...accountList(
      "available_phone_number_countries",
      "AvailablePhoneNumbers",
      S.AvailablePhoneNumberCountry,
      "countries",
    ),
    primaryKey: [],
    note: "Countries have no stable key across requests and no timestamp.",
  },
  availableNumbers("available_phone_numbers_local", "Local"),
  availableNumbers("available_phone_numbers_mobile", "Mobile"),
  availableNumbers("available_phone_numbers_toll_free", "TollFree"),
  {
    ...accountList("calls", "Calls", S.Call),
    incremental: {
      cursorField: "end_time",
      filter: { lower: "EndTime>", upper: "EndTime<", format: "date" },
      step: "P1D",
    },
    refresh: { path: accountPath("Calls/{Sid}"), settled: CALL_SETTLED },
  },
  defineStream({
    name: "conference_participants",
    product: API,
    path: accountPath("Conferences/{ConferenceSid}/Participants"),
    recordKey: "participants",
    schema: S.ConferenceParticipant,
    primaryKey: [["conference_sid"], ["call_sid"]],
    pageSize: PAGE.max,
    parent: {
      stream: "conferences",
      params: (c) => ({ AccountSid: String(c.account_sid), ConferenceSid: String(c.sid) }),
    },
    // Twilio lists the participants of live conferences only: asking a completed one is a
    // request that cannot return anything.
    skipParent: (c) => c.status === "completed",
    incremental: { cursorField: "date_created" },
  }),
  {
    ...accountList("conferences", "Conferences", S.Conference),
    incremental: {
      cursorField: "date_created",
      filter: { lower: "DateCreated>", upper: "DateCreated<", format: "date", newestFirst: true },
      step: "P7D",
    },
    variants: [{ Status: "init" }, { Status: "in-progress" }, { Status: "completed" }],
  },
  ...INSIGHTS_STREAMS,
  defineStream({
    name: "conversations",
    product: CONV,
    path: "/v1/Conversations",
    recordKey: "conversations",
    schema: S.Conversation,
    primaryKey: SID,
    pageSize: PAGE.conversations,
  }),
  defineStream({
    name: "conversation_messages",
    product: CONV,
    path: "/v1/Conversations/{ConversationSid}/Messages",
    recordKey: "messages",
    schema: S.ConversationMessage,
    primaryKey: SID,
    pageSize: PAGE.conversations,
    parent: byParentSid("conversations", "ConversationSid", "conversation_sid"),
  }),
  defineStream({
    name: "conversation_participants",
    product: CONV,
    path: "/v1/Conversations/{ConversationSid}/Participants",
    recordKey: "participants",
    schema: S.ConversationParticipant,
    primaryKey: SID,
    pageSize: PAGE.conversations,
    parent: byParentSid("conversations", "ConversationSid", "conversation_sid"),
  }),
  defineStream({
    name: "dependent_phone_numbers",
    product: API,
    path: accountPath("Addresses/{AddressSid}/DependentPhoneNumbers"),
    recordKey: "dependent_phone_numbers",
    schema: S.DependentPhoneNumber,
    primaryKey: SID,
    pageSize: PAGE.max,
    parent: {
      stream: "addresses",
      params: (a) => ({ AccountSid: String(a.account_sid), AddressSid: String(a.sid) }),
      partition: (a) => ({ account_sid: String(a.account_sid) }),
    },
    incremental: { cursorField: "date_created" },
  }),
  defineStream({
    name: "executions",
    product: "studio",
    path: "/v2/Flows/{FlowSid}/Executions",
    recordKey: "executions",
    schema: S.Execution,
    primaryKey: SID,
    pageSize: PAGE.max,
    parent: byParentSid("flows", "FlowSid", "flow_sid"),
    incremental: {
      cursorField: "date_created",
      filter: {
        lower: "DateCreatedFrom",
        upper: "DateCreatedTo",
        format: "iso",
        upperExclusive: true,
      },
      step: "P30D",
    },
  }),
  {
    ...accountList("incoming_phone_numbers", "IncomingPhoneNumbers", S.IncomingPhoneNumber),
    incremental: { cursorField: "date_created" },
  },
  defineStream({
    name: "flows",
    product: "studio",
    path: "/v2/Flows",
    recordKey: "flows",
    schema: S.Flow,
    primaryKey: SID,
    pageSize: PAGE.max,
  }),
  accountList("keys", "Keys", S.Key),
  defineStream({
    name: "message_media",
    product: API,
    path: accountPath("Messages/{MessageSid}/Media"),
    recordKey: "media_list",
    schema: S.MessageMedia,
    primaryKey: SID,
    pageSize: PAGE.max,
    parent: {
      stream: "messages",
      params: (m) => ({ AccountSid: String(m.account_sid), MessageSid: String(m.sid) }),
    },
    skipParent: (m) => m.num_media === 0 || m.num_media === "0" || !subresource(m, "media"),
    incremental: { cursorField: "date_created", retentionDays: 400 },
  }),
  {
    ...accountList("messages", "Messages", S.Message),
    incremental: {
      cursorField: "date_sent",
      filter: { lower: "DateSent>", upper: "DateSent<", format: "datetime", newestFirst: true },
      step: "P1D",
      retentionDays: 400,
    },
    refresh: { path: accountPath("Messages/{Sid}"), settled: MESSAGE_SETTLED },
  },
  accountList("outgoing_caller_ids", "OutgoingCallerIds", S.OutgoingCallerId),
  ...PRICING_STREAMS,
  accountList("queues", "Queues", S.Queue),
  {
    ...accountList("recordings", "Recordings", S.Recording),
    incremental: {
      cursorField: "date_created",
      filter: {
        lower: "DateCreated>",
        upper: "DateCreated<",
        format: "datetime",
        newestFirst: true,
      },
      step: "P7D",
      retentionDays: 400,
    },
  },
  defineStream({
    name: "services",
    product: CONV,
    path: "/v1/Services",
    recordKey: "services",
    schema: S.ConversationService,
    primaryKey: SID,
    pageSize: PAGE.conversations,
  }),
  defineStream({
    name: "step",
    product: "studio",
    path: "/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps",
    recordKey: "steps",
    schema: S.Step,
    primaryKey: SID,
    pageSize: PAGE.max,
    parent: {
      stream: "executions",
      params: (e) => ({ FlowSid: String(e.flow_sid), ExecutionSid: String(e.sid) }),
    },
    incremental: { cursorField: "date_created" },
  }),
  defineStream({
    name: "roles",
    product: CONV,
    path: "/v1/Services/{ChatServiceSid}/Roles",
    recordKey: "roles",
    schema: S.Role,
    primaryKey: SID,
    pageSize: PAGE.users,
    parent: byParentSid("services", "ChatServiceSid", "chat_service_sid"),
  }),
  accountList("transcriptions", "Transcriptions", S.Transcription),
  defineStream({
    name: "trunks",
    product: "trunking",
    path: "/v1/Trunks",
    recordKey: "trunks",
    schema: S.Trunk,
    primaryKey: SID,
    pageSize: PAGE.max,
  }),
  {
    ...accountList("usage_records", "Usage/Records/Daily", S.UsageRecord),
    primaryKey: [["account_sid"], ["category"], ["start_date"], ["end_date"]],
    incremental: {
      cursorField: "start_date",
      filter: { lower: "StartDate", upper: "EndDate", format: "date" },
      step: "P30D",
    },
    notBefore: (account) => account.date_created,
    drop: ["as_of"],
  },
  accountList("usage_triggers", "Usage/Triggers", S.UsageTrigger),
  defineStream({
    name: "users",
    product: CONV,
    path: "/v1/Users",
    recordKey: "users",
    schema: S.User,
    primaryKey: SID,
    pageSize: PAGE.users,
  }),
  defineStream({
    name: "user_conversations",
    product: CONV,
    path: "/v1/Users/{UserSid}/Conversations",
    recordKey: "conversations",
    schema: S.UserConversation,
    primaryKey: [["user_sid"], ["conversation_sid"]],
    pageSize: PAGE.users,
    parent: byParentSid("users", "UserSid", "user_sid"),
  }),
  defineStream({
    name: "verify_services",
    product: "verify",
    path: "/v2/Services",
    recordKey: "services",
    schema: S.VerifyService,
    primaryKey: SID,
    pageSize: 100,
  }),
];

/**
 * The registry by stream name: every stream of {@linkcode STREAMS}, and the
 * internal parents they are read under (`internal`, not in the catalog).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { REGISTRY } from "../mod.ts";
 * const messages = REGISTRY.get("messages");
 * assert.equal(messages?.product, "api");
 * assert.equal(messages?.incremental?.cursorField, "date_sent");
 * assert.equal(REGISTRY.get("chat_channels"), undefined);
 * ```
 */
export const REGISTRY: ReadonlyMap<string, StreamDefinition> = new Map(
  [...STREAMS, ...PRICING_LISTS].map((s) => [s.name, s]),
);
