/**
 * Meta-style list routes: Conversations, Studio (v1 and v2, same data), Monitor, Verify and
 * Trunking, each serving the data of the account the request authenticates as.
 *
 * @module
 */

import { arrayCollection, type Collection, type Row } from "./_collection.ts";
import { badRequest } from "./_errors.ts";
import { type ListRoute, type Product, productsOf } from "./_route.ts";
import { startsBefore } from "./_select.ts";

/** How far back alert queries may start. */
export const ALERT_DAYS = 30;

/** Alerts stop at this many results per query. */
export const ALERT_LIMIT = 10_000;

function meta(
  product: Product,
  pattern: string,
  key: string,
  maxPageSize: number,
  resolve: ListRoute["resolve"],
): ListRoute {
  return { product, pattern, style: "meta", key, maxPageSize, resolve };
}

function rows(list: readonly Row[] | undefined, sortField?: string): Collection | undefined {
  return list && arrayCollection(list, sortField);
}

function studio(version: "v1" | "v2"): ListRoute[] {
  const flows = `/${version}/Flows`;
  return [
    meta("studio", flows, "flows", 1000, (ctx) => rows(productsOf(ctx).studio.flows)),
    {
      ...meta(
        "studio",
        `${flows}/{FlowSid}/Executions`,
        "executions",
        1000,
        (ctx) =>
          rows(productsOf(ctx).studio.executions.get(ctx.params.FlowSid ?? ""), "date_created"),
      ),
      filters: [{
        kind: "between",
        from: "DateCreatedFrom",
        to: "DateCreatedTo",
        field: "date_created",
        toExclusive: true,
      }],
    },
    meta("studio", `${flows}/{FlowSid}/Executions/{ExecutionSid}/Steps`, "steps", 1000, (ctx) => {
      const executions = productsOf(ctx).studio.executions.get(ctx.params.FlowSid ?? "") ?? [];
      const sid = ctx.params.ExecutionSid ?? "";
      return executions.some((e) => e.sid === sid)
        ? rows(productsOf(ctx).studio.steps.get(sid))
        : undefined;
    }),
  ];
}

/** Every meta-style list route. */
export const V1_ROUTES: readonly ListRoute[] = [
  {
    ...meta(
      "conversations",
      "/v1/Conversations",
      "conversations",
      100,
      (ctx) => rows(productsOf(ctx).conversations.conversations),
    ),
    filters: [{
      kind: "eq",
      param: "State",
      field: "state",
      values: ["initializing", "inactive", "active", "closed"],
    }],
  },
  {
    ...meta(
      "conversations",
      "/v1/Conversations/{ConversationSid}/Messages",
      "messages",
      100,
      (ctx) => rows(productsOf(ctx).conversations.messages.get(ctx.params.ConversationSid ?? "")),
    ),
    orderParam: "Order",
  },
  meta(
    "conversations",
    "/v1/Conversations/{ConversationSid}/Participants",
    "participants",
    100,
    (ctx) => rows(productsOf(ctx).conversations.participants.get(ctx.params.ConversationSid ?? "")),
  ),
  meta(
    "conversations",
    "/v1/Users",
    "users",
    50,
    (ctx) => rows(productsOf(ctx).conversations.users),
  ),
  {
    ...meta(
      "conversations",
      "/v1/Users/{UserSid}/Conversations",
      "conversations",
      50,
      (ctx) => rows(productsOf(ctx).conversations.userConversations.get(ctx.params.UserSid ?? "")),
    ),
    instances: false,
  },
  meta(
    "conversations",
    "/v1/Services",
    "services",
    100,
    (ctx) => rows(productsOf(ctx).conversations.services),
  ),
  meta(
    "conversations",
    "/v1/Services/{ChatServiceSid}/Roles",
    "roles",
    50,
    (ctx) => rows(productsOf(ctx).conversations.roles.get(ctx.params.ChatServiceSid ?? "")),
  ),
  ...studio("v1"),
  ...studio("v2"),
  {
    ...meta("monitor", "/v1/Alerts", "alerts", 1000, (ctx) => {
      if (startsBefore(ctx.selection, "date_generated", ctx.world.now, ALERT_DAYS)) {
        throw badRequest(
          `Invalid StartDate: queries for alerts older than ${ALERT_DAYS} days are not supported`,
        );
      }
      return productsOf(ctx).alerts;
    }),
    order: "desc",
    maxResults: ALERT_LIMIT,
    filters: [
      { kind: "between", from: "StartDate", to: "EndDate", field: "date_generated" },
      { kind: "eq", param: "LogLevel", field: "log_level" },
    ],
  },
  meta("verify", "/v2/Services", "services", 1000, (ctx) => productsOf(ctx).verifyServices),
  meta("trunking", "/v1/Trunks", "trunks", 1000, (ctx) => productsOf(ctx).trunks),
];
