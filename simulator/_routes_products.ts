/**
 * Meta-style list routes of Pricing (v1 Messaging and PhoneNumbers, v2 Voice: country lists,
 * and each country's own resource; the same for every account) and Voice Insights (call
 * summaries, conference summaries and their participants; 30 days kept; the authenticating
 * account's own).
 *
 * @module
 */

import { arrayCollection, type Row } from "./_collection.ts";
import { DAY_MS, HOUR_MS } from "./_dates.ts";
import type { PriceList } from "./_gen_pricing.ts";
import type { ListRoute, RouteContext } from "./_route.ts";
import { rangeOf, type Selection } from "./_select.ts";
import type { InsightsData, World } from "./_world.ts";

/** Days of calls and conferences Voice Insights keeps: older ones are gone. */
export const INSIGHTS_DAYS = 30;

/** Where Voice Summaries start when `StartTime` is absent ("Defaults to 4h"). */
const SUMMARIES_DEFAULT_MS = 4 * HOUR_MS;

function priceList(path: string, list: (world: World) => PriceList): ListRoute {
  return {
    product: "pricing",
    pattern: path,
    style: "meta",
    key: "countries",
    maxPageSize: 1000,
    resolve: (ctx) => arrayCollection(list(ctx.world).countries),
    fetch: (ctx) => list(ctx.world).byCountry.get(ctx.params.Sid ?? ""),
  };
}

/** Every Pricing route. */
export const PRICING_ROUTES: readonly ListRoute[] = [
  priceList("/v1/Messaging/Countries", (world) => world.pricing.messaging),
  priceList("/v1/PhoneNumbers/Countries", (world) => world.pricing.phoneNumbers),
  priceList("/v2/Voice/Countries", (world) => world.pricing.voice),
];

/** Raises the lower bound on `field` to `at`: what is older does not exist any more. */
function notBefore(selection: Selection, field: string, at: number): void {
  let range = rangeOf(selection, field);
  if (!range) {
    range = { field };
    selection.ranges.push(range);
  }
  if (range.lo === undefined || range.lo < at) {
    range.lo = at;
    range.loDay = false;
  }
}

/** The Voice Insights of the account the credentials authenticate as (Twilio's product-host rule). */
function insightsOf(ctx: RouteContext): InsightsData {
  return ctx.world.insights(ctx.caller.account);
}

function retainedSince(ctx: RouteContext): number {
  return ctx.world.now - INSIGHTS_DAYS * DAY_MS;
}

/** The retained conference summaries, ascending by `create_time`. */
function conferences(ctx: RouteContext): Row[] {
  const since = retainedSince(ctx);
  return insightsOf(ctx).conferences.filter((c) => Date.parse(String(c.create_time)) >= since);
}

function conference(ctx: RouteContext, sid: string | undefined): Row | undefined {
  return conferences(ctx).find((c) => c.conference_sid === sid);
}

/** Every Voice Insights route. */
export const INSIGHTS_ROUTES: readonly ListRoute[] = [
  {
    product: "insights",
    pattern: "/v1/Voice/Summaries",
    style: "meta",
    key: "call_summaries",
    maxPageSize: 1000,
    order: "desc",
    instances: false,
    filters: [
      { kind: "between", from: "StartTime", to: "EndTime", field: "start_time" },
      {
        kind: "eq",
        param: "ProcessingState",
        field: "processing_state",
        values: ["completed", "started", "partial", "all"],
        map: { completed: "complete", started: "partial", partial: "partial", all: null },
        fallback: "completed",
      },
    ],
    resolve(ctx) {
      const now = ctx.world.now;
      if (rangeOf(ctx.selection, "start_time")?.lo === undefined) {
        notBefore(ctx.selection, "start_time", now - SUMMARIES_DEFAULT_MS);
      }
      notBefore(ctx.selection, "start_time", retainedSince(ctx));
      return insightsOf(ctx).calls;
    },
  },
  {
    product: "insights",
    pattern: "/v1/Conferences",
    style: "meta",
    key: "conferences",
    maxPageSize: 1000,
    order: "desc",
    filters: [
      {
        kind: "between",
        from: "CreatedAfter",
        to: "CreatedBefore",
        field: "create_time",
        toExclusive: true,
      },
      {
        kind: "eq",
        param: "Status",
        field: "status",
        values: ["in_progress", "not_started", "completed", "summary_timeout"],
      },
    ],
    resolve: (ctx) => arrayCollection(conferences(ctx), "create_time"),
    fetch: (ctx) => conference(ctx, ctx.params.Sid),
  },
  {
    product: "insights",
    pattern: "/v1/Conferences/{ConferenceSid}/Participants",
    style: "meta",
    key: "participants",
    maxPageSize: 1000,
    resolve(ctx) {
      const sid = ctx.params.ConferenceSid;
      if (!conference(ctx, sid)) return undefined;
      return arrayCollection(insightsOf(ctx).participants.get(sid ?? "") ?? []);
    },
    fetch(ctx) {
      const sid = ctx.params.ConferenceSid;
      if (!conference(ctx, sid)) return undefined;
      const people = insightsOf(ctx).participants.get(sid ?? "") ?? [];
      return people.find((p) => p.participant_sid === ctx.params.Sid);
    },
  },
];
