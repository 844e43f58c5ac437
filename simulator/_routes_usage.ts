/**
 * Usage-records routes: StartDate / EndDate select whole days (default: the account's creation
 * day to today); a StartDate before the account's creation day answers 404.
 *
 * @module
 */

import type { Collection } from "./_collection.ts";
import { dayStart } from "./_dates.ts";
import { notFound } from "./_errors.ts";
import { dailyUsage, rangeUsage } from "./_gen_usage.ts";
import { accountOf, type ListRoute, type RouteContext } from "./_route.ts";
import { rangeOf } from "./_select.ts";

const ACCOUNT = "/2010-04-01/Accounts/{AccountSid}";

/** A usage-records route: `Records/Daily.json` (one row per day) or `Records.json`. */
export function usageRoute(segment: string, daily: boolean): ListRoute {
  return {
    product: "api",
    pattern: `${ACCOUNT}/Usage/${segment}`,
    style: "2010",
    key: "usage_records",
    maxPageSize: 1000,
    instances: false,
    filters: [
      { kind: "between", from: "StartDate", to: "EndDate", field: "start_date" },
      { kind: "eq", param: "Category", field: "category" },
    ],
    resolve: (ctx) => usageCollection(ctx, daily),
  };
}

function usageCollection(ctx: RouteContext, daily: boolean): Collection | undefined {
  const account = accountOf(ctx);
  if (!account) return undefined;
  const range = rangeOf(ctx.selection, "start_date");
  const created = dayStart(account.created);
  const firstDay = range?.lo === undefined ? created : dayStart(range.lo);
  if (firstDay < created) throw notFound(`/2010-04-01/Accounts/${account.sid}/Usage/Records`);
  const today = dayStart(ctx.world.now);
  const lastDay = Math.min(today, range?.hi === undefined ? today : dayStart(range.hi));
  const query = {
    seed: ctx.world.seed,
    accountSid: account.sid,
    categories: ctx.world.counts.usage_categories,
    firstDay,
    lastDay,
    now: ctx.world.now,
  };
  return daily ? dailyUsage(query) : rangeUsage(query);
}
