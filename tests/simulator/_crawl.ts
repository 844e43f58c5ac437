/**
 * A small reference crawler: reads any catalog stream over HTTP the way the connector should
 * (every account, every parent, conferences per status; product hosts with each account's own
 * credentials, skipping an account whose product answers 403), to check `expected()` end to end.
 *
 * @module
 */

import type { Simulator } from "../../simulator/mod.ts";
import { accountAuth, get, type Json, ok, walk2010, walkMeta } from "./_helpers.ts";

const ACCOUNT_LISTS: Record<string, readonly [string, string]> = {
  addresses: ["addresses", "addresses"],
  applications: ["applications", "applications"],
  available_phone_number_countries: ["available_phone_numbers", "countries"],
  calls: ["calls", "calls"],
  incoming_phone_numbers: ["incoming_phone_numbers", "incoming_phone_numbers"],
  keys: ["keys", "keys"],
  messages: ["messages", "messages"],
  outgoing_caller_ids: ["outgoing_caller_ids", "outgoing_caller_ids"],
  queues: ["queues", "queues"],
  recordings: ["recordings", "recordings"],
  transcriptions: ["transcriptions", "transcriptions"],
};

const META: Record<string, readonly [string, string]> = {
  alerts: ["/monitor/v1/Alerts", "alerts"],
  conversations: ["/conversations/v1/Conversations", "conversations"],
  users: ["/conversations/v1/Users", "users"],
  services: ["/conversations/v1/Services", "services"],
  flows: ["/studio/v2/Flows", "flows"],
  trunks: ["/trunking/v1/Trunks", "trunks"],
  verify_services: ["/verify/v2/Services", "services"],
};

async function accounts(sim: Simulator): Promise<Json[]> {
  return (await walk2010(sim, "/2010-04-01/Accounts.json", "accounts")).rows;
}

async function children(
  sim: Simulator,
  parents: Json[],
  path: (p: Json) => string,
  key: string,
  auth: string,
): Promise<Json[]> {
  const out: Json[] = [];
  for (const parent of parents) out.push(...(await walkMeta(sim, path(parent), key, auth)).rows);
  return out;
}

async function conferences(sim: Simulator, account: Json): Promise<Json[]> {
  const uri = (account.subresource_uris as Json).conferences as string;
  const out: Json[] = [];
  for (const status of ["init", "in-progress", "completed"]) {
    out.push(...(await walk2010(sim, `${uri}?Status=${status}`, "conferences")).rows);
  }
  return out;
}

const ROOTS: Record<string, string> = {
  conversation_messages: "/conversations/v1/Conversations",
  conversation_participants: "/conversations/v1/Conversations",
  user_conversations: "/conversations/v1/Users",
  roles: "/conversations/v1/Services",
  executions: "/studio/v2/Flows",
  step: "/studio/v2/Flows",
  call_summaries: "/insights/v1/Conferences",
  conference_summaries: "/insights/v1/Conferences",
  conference_participant_summaries: "/insights/v1/Conferences",
};

/** Each country of a pricing list, by its own resource (the same for every account). */
const PRICING: Record<string, string> = {
  pricing_messaging_countries: "/pricing/v1/Messaging/Countries",
  pricing_phone_number_countries: "/pricing/v1/PhoneNumbers/Countries",
  pricing_voice_countries: "/pricing/v2/Voice/Countries",
};

/** One account's Voice Insights: every summary of the 30 days kept, in any processing state. */
async function insights(sim: Simulator, stream: string, auth: string): Promise<Json[]> {
  if (stream === "call_summaries") {
    const since = new Date(sim.now - 30 * 86_400_000).toISOString().slice(0, 19) + "Z";
    const path = `/insights/v1/Voice/Summaries?ProcessingState=all&StartTime=${since}`;
    return (await walkMeta(sim, path, "call_summaries", auth)).rows;
  }
  const conferences = (await walkMeta(sim, "/insights/v1/Conferences", "conferences", auth)).rows;
  if (stream === "conference_summaries") return conferences;
  const path = (c: Json) => `/insights/v1/Conferences/${c.conference_sid}/Participants`;
  return await children(sim, conferences, path, "participants", auth);
}

/** Reads a whole stream over HTTP. */
export async function crawl(sim: Simulator, stream: string): Promise<Json[]> {
  if (stream === "accounts") return await accounts(sim);
  const pricing = PRICING[stream];
  if (pricing) {
    const countries = (await walkMeta(sim, pricing, "countries")).rows;
    return await Promise.all(countries.map((c) => ok(sim, `${pricing}/${c.iso_country}`)));
  }
  const root = META[stream]?.[0] ?? ROOTS[stream];
  if (root === undefined) return await crawl2010(sim, stream);
  const out: Json[] = [];
  for (let index = 0; index < sim.accounts.length; index++) {
    const auth = accountAuth(sim, index);
    const probe = await get(sim, root, auth);
    if (probe.status === 403) continue;
    out.push(...await crawlProduct(sim, stream, auth));
  }
  return out;
}

/** One account's records of a product-host stream, read with that account's credentials. */
async function crawlProduct(sim: Simulator, stream: string, auth: string): Promise<Json[]> {
  const meta = META[stream];
  if (meta) return (await walkMeta(sim, meta[0], meta[1], auth)).rows;
  if (stream.endsWith("_summaries")) return await insights(sim, stream, auth);
  const studio = "/studio/v2/Flows";
  switch (stream) {
    case "conversation_messages":
    case "conversation_participants": {
      const parents =
        (await walkMeta(sim, "/conversations/v1/Conversations", "conversations", auth)).rows;
      const key = stream === "conversation_messages" ? "messages" : "participants";
      const segment = stream === "conversation_messages" ? "Messages" : "Participants";
      return await children(
        sim,
        parents,
        (p) => `/conversations/v1/Conversations/${p.sid}/${segment}`,
        key,
        auth,
      );
    }
    case "user_conversations": {
      const users = (await walkMeta(sim, "/conversations/v1/Users", "users", auth)).rows;
      return await children(
        sim,
        users,
        (u) => `/conversations/v1/Users/${u.sid}/Conversations`,
        "conversations",
        auth,
      );
    }
    case "roles": {
      const services = (await walkMeta(sim, "/conversations/v1/Services", "services", auth)).rows;
      return await children(
        sim,
        services,
        (s) => `/conversations/v1/Services/${s.sid}/Roles`,
        "roles",
        auth,
      );
    }
    default: {
      const flows = (await walkMeta(sim, studio, "flows", auth)).rows;
      const runs = await children(
        sim,
        flows,
        (f) => `${studio}/${f.sid}/Executions`,
        "executions",
        auth,
      );
      if (stream === "executions") return runs;
      return await children(
        sim,
        runs,
        (e) => `${studio}/${e.flow_sid}/Executions/${e.sid}/Steps`,
        "steps",
        auth,
      );
    }
  }
}

/** Every account's records of a 2010-API stream, read with the main credentials. */
async function crawl2010(sim: Simulator, stream: string): Promise<Json[]> {
  const list = ACCOUNT_LISTS[stream];
  const out: Json[] = [];
  for (const account of await accounts(sim)) {
    const uris = account.subresource_uris as Json;
    const base = `/2010-04-01/Accounts/${account.sid}`;
    if (list) {
      const path = uris[list[0]] as string;
      if (stream === "available_phone_number_countries") {
        out.push(...((await ok(sim, `/api${path}`)).countries as Json[]));
      } else out.push(...(await walk2010(sim, path, list[1])).rows);
    } else if (stream === "usage_triggers") {
      out.push(...(await walk2010(sim, `${base}/Usage/Triggers.json`, "usage_triggers")).rows);
    } else if (stream === "usage_records") {
      const day = new Date(Date.parse(String(account.date_created))).toISOString().slice(0, 10);
      out.push(
        ...(await walk2010(
          sim,
          `${base}/Usage/Records/Daily.json?StartDate=${day}`,
          "usage_records",
        )).rows,
      );
    } else if (stream === "conferences") {
      out.push(...await conferences(sim, account));
    } else if (stream === "conference_participants") {
      for (const c of await conferences(sim, account)) {
        const path = (c.subresource_uris as Json).participants as string;
        out.push(...(await walk2010(sim, path, "participants")).rows);
      }
    } else if (stream === "dependent_phone_numbers") {
      for (const a of (await walk2010(sim, uris.addresses as string, "addresses")).rows) {
        out.push(
          ...(await walk2010(
            sim,
            `${base}/Addresses/${a.sid}/DependentPhoneNumbers.json`,
            "dependent_phone_numbers",
          )).rows,
        );
      }
    } else if (stream === "message_media") {
      for (const m of (await walk2010(sim, uris.messages as string, "messages")).rows) {
        if (m.num_media === "0") continue;
        out.push(
          ...(await walk2010(sim, (m.subresource_uris as Json).media as string, "media_list")).rows,
        );
      }
    } else if (stream.startsWith("available_phone_numbers_")) {
      const type = stream.slice("available_phone_numbers_".length);
      for (
        const country of (await ok(sim, `/api${uris.available_phone_numbers}`)).countries as Json[]
      ) {
        const path = (country.subresource_uris as Json)[type];
        if (typeof path === "string") {
          out.push(...(await walk2010(sim, path, "available_phone_numbers")).rows);
        }
      }
    } else {
      throw new Error(`The crawler does not know stream "${stream}"`);
    }
  }
  return out;
}
