/**
 * Regenerates `fixtures/spec_examples.json`: the example records of the 40 streams' endpoints,
 * taken from Twilio's OpenAPI specs (`twilio/twilio-oai`, `spec/json/`). For a list operation
 * whose examples hold no record (Studio executions and steps), the examples of the matching
 * fetch operation (`.../{Sid}`) are taken instead; a stream that reads one resource (a pricing
 * country) takes that fetch operation's examples, which are the records themselves.
 *
 * Run: `deno run --allow-read --allow-write tests/schemas/_generate_spec_examples.ts [spec dir]`
 * (the spec dir defaults to `../shared/twilio-oai` next to the repository), then `deno fmt`.
 *
 * @module
 */

import { z } from "zod";

interface Source {
  file: string;
  path: string;
  /** Key of the record array; absent for a single resource (the example is the record). */
  key?: string;
}

const API = "twilio_api_v2010.json";
const ACCOUNT = "/2010-04-01/Accounts/{AccountSid}";
const NUMBERS = `${ACCOUNT}/AvailablePhoneNumbers/{CountryCode}`;
const CONVERSATIONS = "twilio_conversations_v1.json";
const INSIGHTS = "twilio_insights_v1.json";

function pricing(version: 1 | 2, path: string): Source[] {
  return [{ file: `twilio_pricing_v${version}.json`, path: `/v${version}${path}/{IsoCountry}` }];
}

function api(path: string, key: string): Source {
  return { file: API, path: path.startsWith("/2010") ? path : `${ACCOUNT}${path}`, key };
}

function studio(path: string, key: string): Source[] {
  return [1, 2].map((v) => ({ file: `twilio_studio_v${v}.json`, path: `/v${v}${path}`, key }));
}

/** The list endpoints of every stream, as `ENDPOINTS.md` describes them. */
export const SOURCES: Record<string, Source[]> = {
  accounts: [api("/2010-04-01/Accounts.json", "accounts")],
  addresses: [api("/Addresses.json", "addresses")],
  alerts: [{ file: "twilio_monitor_v1.json", path: "/v1/Alerts", key: "alerts" }],
  applications: [api("/Applications.json", "applications")],
  available_phone_number_countries: [api("/AvailablePhoneNumbers.json", "countries")],
  available_phone_numbers_local: [api(`${NUMBERS}/Local.json`, "available_phone_numbers")],
  available_phone_numbers_mobile: [api(`${NUMBERS}/Mobile.json`, "available_phone_numbers")],
  available_phone_numbers_toll_free: [api(`${NUMBERS}/TollFree.json`, "available_phone_numbers")],
  calls: [api("/Calls.json", "calls")],
  call_summaries: [{ file: INSIGHTS, path: "/v1/Voice/Summaries", key: "call_summaries" }],
  conference_participants: [api("/Conferences/{ConferenceSid}/Participants.json", "participants")],
  conferences: [api("/Conferences.json", "conferences")],
  conference_participant_summaries: [
    { file: INSIGHTS, path: "/v1/Conferences/{ConferenceSid}/Participants", key: "participants" },
  ],
  conference_summaries: [{ file: INSIGHTS, path: "/v1/Conferences", key: "conferences" }],
  conversations: [{ file: CONVERSATIONS, path: "/v1/Conversations", key: "conversations" }],
  conversation_messages: [
    { file: CONVERSATIONS, path: "/v1/Conversations/{ConversationSid}/Messages", key: "messages" },
  ],
  conversation_participants: [{
    file: CONVERSATIONS,
    path: "/v1/Conversations/{ConversationSid}/Participants",
    key: "participants",
  }],
  dependent_phone_numbers: [
    api("/Addresses/{AddressSid}/DependentPhoneNumbers.json", "dependent_phone_numbers"),
  ],
  executions: studio("/Flows/{FlowSid}/Executions", "executions"),
  incoming_phone_numbers: [api("/IncomingPhoneNumbers.json", "incoming_phone_numbers")],
  flows: studio("/Flows", "flows"),
  keys: [api("/Keys.json", "keys")],
  message_media: [api("/Messages/{MessageSid}/Media.json", "media_list")],
  messages: [api("/Messages.json", "messages")],
  outgoing_caller_ids: [api("/OutgoingCallerIds.json", "outgoing_caller_ids")],
  pricing_messaging_countries: pricing(1, "/Messaging/Countries"),
  pricing_phone_number_countries: pricing(1, "/PhoneNumbers/Countries"),
  pricing_voice_countries: pricing(2, "/Voice/Countries"),
  queues: [api("/Queues.json", "queues")],
  recordings: [api("/Recordings.json", "recordings")],
  services: [{ file: CONVERSATIONS, path: "/v1/Services", key: "services" }],
  step: studio("/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps", "steps"),
  roles: [{ file: CONVERSATIONS, path: "/v1/Services/{ChatServiceSid}/Roles", key: "roles" }],
  transcriptions: [api("/Transcriptions.json", "transcriptions")],
  trunks: [{ file: "twilio_trunking_v1.json", path: "/v1/Trunks", key: "trunks" }],
  usage_records: [
    api("/Usage/Records.json", "usage_records"),
    api("/Usage/Records/Daily.json", "usage_records"),
  ],
  usage_triggers: [api("/Usage/Triggers.json", "usage_triggers")],
  users: [{ file: CONVERSATIONS, path: "/v1/Users", key: "users" }],
  user_conversations: [
    { file: CONVERSATIONS, path: "/v1/Users/{UserSid}/Conversations", key: "conversations" },
  ],
  verify_services: [{ file: "twilio_verify_v2.json", path: "/v2/Services", key: "services" }],
};

const Operation = z.object({
  get: z.object({
    responses: z.object({
      "200": z.object({
        content: z.object({
          "application/json": z.object({
            examples: z.record(z.string(), z.object({ value: z.unknown() })).optional(),
          }),
        }),
      }),
    }),
  }),
});
const Spec = z.object({ paths: z.record(z.string(), z.unknown()) });
type Spec = z.infer<typeof Spec>;

function examplesOf(spec: Spec, path: string): [string, unknown][] {
  const operation = Operation.parse(spec.paths[path]);
  const examples = operation.get.responses[200].content["application/json"].examples ?? {};
  return Object.entries(examples).map(([name, example]) => [name, example.value]);
}

function recordsOf(spec: Spec, source: Source): { from: string; record: unknown }[] {
  const at = `${source.file} GET ${source.path}`;
  const key = source.key;
  if (key === undefined) {
    return examplesOf(spec, source.path).map(([name, record]) => ({
      from: `${at} (${name})`,
      record,
    }));
  }
  const listed = examplesOf(spec, source.path).flatMap(([name, value]) => {
    const records = z.object({ [key]: z.array(z.unknown()) }).parse(value)[key];
    return (records ?? []).map((record) => ({ from: `${at} (${name})`, record }));
  });
  if (listed.length > 0) return listed;
  return examplesOf(spec, `${source.path}/{Sid}`).map(([name, record]) => ({
    from: `${source.file} GET ${source.path}/{Sid} (${name})`,
    record,
  }));
}

if (import.meta.main) {
  const dir = Deno.args[0] ?? new URL("../../../shared/twilio-oai/", import.meta.url).pathname;
  const specs = new Map<string, Spec>();
  const streams = Object.fromEntries(
    Object.entries(SOURCES).map(([stream, sources]) => [
      stream,
      sources.flatMap((source) => {
        const spec = specs.get(source.file) ??
          Spec.parse(JSON.parse(Deno.readTextFileSync(`${dir}/${source.file}`)));
        specs.set(source.file, spec);
        return recordsOf(spec, source);
      }),
    ]),
  );
  const fixture = {
    source: {
      repository: "twilio/twilio-oai",
      path: "spec/json",
      commit: "d50069b44ea8cd23141385bdb6db48f16ff75bb5",
      license: "MIT, Copyright (C) 2023, Twilio, Inc.",
      generator: "tests/schemas/_generate_spec_examples.ts",
    },
    streams,
  };
  const out = new URL("./fixtures/spec_examples.json", import.meta.url);
  Deno.writeTextFileSync(out, JSON.stringify(fixture, null, 2) + "\n");
}
