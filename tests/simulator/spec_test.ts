/**
 * Checks served records against the component schemas of Twilio's OpenAPI specs. The specs live
 * outside the repository (`TWILIO_OAI_DIR`, default `/work/shared/twilio-oai`); without them the
 * test is skipped.
 */
import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";

const DIR = Deno.env.get("TWILIO_OAI_DIR") ?? "/work/shared/twilio-oai";
const API = "twilio_api_v2010.json";
const CONV = "twilio_conversations_v1.json";
const INSIGHTS = "twilio_insights_v1.json";

/** Stream → [spec file, component schema]. */
const SCHEMAS: Record<string, readonly [string, string]> = {
  accounts: [API, "api.v2010.account"],
  addresses: [API, "api.v2010.account.address"],
  alerts: ["twilio_monitor_v1.json", "monitor.v1.alert"],
  applications: [API, "api.v2010.account.application"],
  available_phone_number_countries: [API, "api.v2010.account.available_phone_number_country"],
  available_phone_numbers_local: [
    API,
    "api.v2010.account.available_phone_number_country.available_phone_number_local",
  ],
  available_phone_numbers_mobile: [
    API,
    "api.v2010.account.available_phone_number_country.available_phone_number_mobile",
  ],
  available_phone_numbers_toll_free: [
    API,
    "api.v2010.account.available_phone_number_country.available_phone_number_toll_free",
  ],
  calls: [API, "api.v2010.account.call"],
  call_summaries: [INSIGHTS, "insights.v1.call_summaries"],
  conference_participants: [API, "api.v2010.account.conference.participant"],
  conferences: [API, "api.v2010.account.conference"],
  conference_participant_summaries: [INSIGHTS, "insights.v1.conference.conference_participant"],
  conference_summaries: [INSIGHTS, "insights.v1.conference"],
  conversations: [CONV, "conversations.v1.conversation"],
  conversation_messages: [CONV, "conversations.v1.conversation.conversation_message"],
  conversation_participants: [CONV, "conversations.v1.conversation.conversation_participant"],
  dependent_phone_numbers: [API, "api.v2010.account.address.dependent_phone_number"],
  executions: ["twilio_studio_v2.json", "studio.v2.flow.execution"],
  incoming_phone_numbers: [API, "api.v2010.account.incoming_phone_number"],
  flows: ["twilio_studio_v2.json", "studio.v2.flow"],
  keys: [API, "api.v2010.account.key"],
  message_media: [API, "api.v2010.account.message.media"],
  messages: [API, "api.v2010.account.message"],
  outgoing_caller_ids: [API, "api.v2010.account.outgoing_caller_id"],
  pricing_messaging_countries: [
    "twilio_pricing_v1.json",
    "pricing.v1.messaging.messaging_country-instance",
  ],
  pricing_phone_number_countries: [
    "twilio_pricing_v1.json",
    "pricing.v1.phone_number.phone_number_country-instance",
  ],
  pricing_voice_countries: ["twilio_pricing_v2.json", "pricing.v2.voice.voice_country-instance"],
  queues: [API, "api.v2010.account.queue"],
  recordings: [API, "api.v2010.account.recording"],
  services: [CONV, "conversations.v1.service"],
  step: ["twilio_studio_v2.json", "studio.v2.flow.execution.execution_step"],
  roles: [CONV, "conversations.v1.service.service_role"],
  transcriptions: [API, "api.v2010.account.transcription"],
  trunks: ["twilio_trunking_v1.json", "trunking.v1.trunk"],
  usage_records: [API, "api.v2010.account.usage.usage_record.usage_record_daily"],
  usage_triggers: [API, "api.v2010.account.usage.usage_trigger"],
  users: [CONV, "conversations.v1.user"],
  user_conversations: [CONV, "conversations.v1.user.user_conversation"],
  verify_services: ["twilio_verify_v2.json", "verify.v2.service"],
};

/** Fields typed `number` in the schema that Twilio sends as strings (the spec's own examples do). */
const NUMERIC_STRINGS = new Set(["latitude", "longitude", "price"]);

interface Property {
  type?: string;
  $ref?: string;
  /** An array's items, when the spec describes them (pricing's price lists). */
  items?: { properties?: Record<string, Property> };
  /** `overrideType: "string"`: declared a number, sent as a decimal string (prices). */
  "x-twilio"?: { overrideType?: string };
}

/** Asserts `row` has every field of `properties` with its JSON type, into described array items. */
function conforms(row: Record<string, unknown>, properties: Record<string, Property>, at: string) {
  for (const [field, property] of Object.entries(properties)) {
    assert(field in row, `${at} record lacks "${field}"`);
    const value = row[field];
    if (value === null || property.type === undefined) continue;
    const type = Array.isArray(value) ? "array" : typeof value;
    const declared = property["x-twilio"]?.overrideType ?? property.type;
    const want = declared === "integer" ? "number" : declared;
    const ok = type === want ||
      (want === "number" && NUMERIC_STRINGS.has(field) && type === "string");
    assert(ok, `${at}.${field}: ${type} where the schema says ${declared}`);
    const items = property.items?.properties;
    if (!items || !Array.isArray(value)) continue;
    for (const item of value) conforms(item as Record<string, unknown>, items, `${at}.${field}[]`);
  }
}

const available = await Deno.stat(`${DIR}/${API}`).then(() => true, () => false);

Deno.test({
  name: "served records have every field of the spec's component schema, with its JSON type, " +
    "also in the items of arrays the spec describes",
  ignore: !available,
  async fn() {
    await using sim = await startSimulator({ seed: 3 });
    const specs = new Map<string, Record<string, { properties: Record<string, Property> }>>();
    for (const [stream, [file, name]] of Object.entries(SCHEMAS)) {
      if (!specs.has(file)) {
        const spec = JSON.parse(await Deno.readTextFile(`${DIR}/${file}`));
        specs.set(file, spec.components.schemas);
      }
      const schema = specs.get(file)?.[name];
      assert(schema, `${file} has ${name}`);
      for (const row of sim.expected(stream)) conforms(row, schema.properties, stream);
    }
  },
});
