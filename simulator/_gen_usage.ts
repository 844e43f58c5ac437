/**
 * Usage records: one row per category per day (Daily.json), or one row per category for a
 * whole date range (Records.json), generated lazily from (seed, account, day, category).
 *
 * @module
 */

import type { Collection, Row } from "./_collection.ts";
import { DAY_MS, isoDay, isoOffset } from "./_dates.ts";
import { accountPath } from "./_gen_common.ts";
import { Rng } from "./_random.ts";

const CATEGORIES = [
  {
    category: "sms",
    description: "SMS",
    countUnit: "messages",
    usageUnit: "messages",
    unit: 0.0079,
  },
  {
    category: "calls",
    description: "Voice Minutes",
    countUnit: "calls",
    usageUnit: "minutes",
    unit: 0.013,
  },
  {
    category: "recordings",
    description: "Voice Recordings",
    countUnit: "recordings",
    usageUnit: "minutes",
    unit: 0.0025,
  },
  { category: "mms", description: "MMS", countUnit: "messages", usageUnit: "messages", unit: 0.02 },
  {
    category: "phonenumbers",
    description: "Phone Numbers",
    countUnit: "phone-numbers",
    usageUnit: "phone-numbers",
    unit: 1.15,
  },
] as const;

const PERIODS = {
  all_time: "AllTime",
  daily: "Daily",
  last_month: "LastMonth",
  monthly: "Monthly",
  this_month: "ThisMonth",
  today: "Today",
  yearly: "Yearly",
  yesterday: "Yesterday",
} as const;

/** Which usage rows to build. */
export interface UsageQuery {
  readonly seed: number;
  readonly accountSid: string;
  /** Number of categories (at most 5). */
  readonly categories: number;
  /** First and last day (midnight UTC, inclusive). */
  readonly firstDay: number;
  readonly lastDay: number;
  /** `as_of` of every row. */
  readonly now: number;
}

function dailyCount(q: UsageQuery, day: number, category: string): number {
  return Rng.of(q.seed, q.accountSid, "usage", day, category).int(0, 120);
}

function usageRow(
  q: UsageQuery,
  k: number,
  first: number,
  last: number,
  count: number,
  daily: boolean,
): Row {
  const cat = CATEGORIES[k];
  if (!cat) throw new RangeError(`Unknown usage category index: ${k}`);
  const base = `${accountPath(q.accountSid)}/Usage/Records`;
  const uris: Record<string, string> = {};
  for (const [key, segment] of Object.entries(PERIODS)) {
    uris[key] = `${base}/${segment}.json?Category=${cat.category}`;
  }
  const start = isoDay(first);
  const end = isoDay(last);
  const usage = cat.usageUnit === "minutes" ? count * 3 : count;
  return {
    account_sid: q.accountSid,
    api_version: "2010-04-01",
    as_of: isoOffset(q.now),
    category: cat.category,
    count: String(count),
    count_unit: cat.countUnit,
    description: cat.description,
    end_date: end,
    price: (usage * cat.unit).toFixed(4),
    price_unit: "usd",
    start_date: start,
    subresource_uris: uris,
    uri: `${
      daily ? `${base}/Daily` : base
    }.json?Category=${cat.category}&StartDate=${start}&EndDate=${end}`,
    usage: String(usage),
    usage_unit: cat.usageUnit,
  };
}

function categoryCount(q: UsageQuery): number {
  return Math.max(0, Math.min(CATEGORIES.length, q.categories));
}

/** One row per category per day, ordered by day then category. */
export function dailyUsage(q: UsageQuery): Collection {
  const cats = categoryCount(q);
  const days = q.lastDay < q.firstDay ? 0 : Math.round((q.lastDay - q.firstDay) / DAY_MS) + 1;
  const dayOf = (i: number) => q.firstDay + Math.floor(i / Math.max(1, cats)) * DAY_MS;
  return {
    count: days * cats,
    sortKey: dayOf,
    lag: (field) => field === "start_date" || field === "end_date" ? [0, 0] : undefined,
    at(i) {
      const day = dayOf(i);
      const k = i % cats;
      const name = CATEGORIES[k]?.category ?? "";
      return usageRow(q, k, day, day, dailyCount(q, day, name), true);
    },
  };
}

/** One row per category for the whole range (the sum of the daily counts). */
export function rangeUsage(q: UsageQuery): Collection {
  const cats = categoryCount(q);
  return {
    count: q.lastDay < q.firstDay ? 0 : cats,
    at(k) {
      const name = CATEGORIES[k]?.category ?? "";
      let total = 0;
      for (let day = q.firstDay; day <= q.lastDay; day += DAY_MS) total += dailyCount(q, day, name);
      return usageRow(q, k, q.firstDay, q.lastDay, total, false);
    },
  };
}
