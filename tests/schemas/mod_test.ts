import { deepEqual, equal, ok } from "node:assert/strict";
import { z } from "zod";
import { rfc2822ToIso, SCHEMAS, toJsonSchema } from "../../schemas/mod.ts";
import fixture from "./fixtures/spec_examples.json" with { type: "json" };
import { STREAM_NAMES } from "../../simulator/mod.ts";

type Node = Record<string, unknown>;

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

const STREAMS: readonly string[] = STREAM_NAMES;

/** The primary keys the stream registry declares (none for the available-number streams). */
const PRIMARY_KEYS: Record<string, string[]> = {
  call_summaries: ["call_sid"],
  conference_participant_summaries: ["participant_sid"],
  conference_summaries: ["conference_sid"],
  conference_participants: ["call_sid"],
  pricing_messaging_countries: ["iso_country"],
  pricing_phone_number_countries: ["iso_country"],
  pricing_voice_countries: ["iso_country"],
  user_conversations: ["conversation_sid", "user_sid"],
  usage_records: ["account_sid", "category", "start_date", "end_date"],
};

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typesOf(node: Node): unknown[] {
  return Array.isArray(node.type) ? node.type : [node.type];
}

/** What the pipeline does before validating: dates to ISO, numeric strings to numbers. */
function normalise(value: unknown, schema: Node): unknown {
  if (typeof value === "string") {
    if (schema.format === "date-time") return rfc2822ToIso(value);
    const numeric = typesOf(schema).some((t) => t === "number" || t === "integer");
    return numeric && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => normalise(item, isNode(schema.items) ? schema.items : {}));
  }
  if (!isNode(value)) return value;
  const properties = isNode(schema.properties) ? schema.properties : {};
  return Object.fromEntries(
    Object.entries(value).map((
      [key, field],
    ) => [key, normalise(field, isNode(properties[key]) ? properties[key] : {})]),
  );
}

Deno.test("SCHEMAS has a schema for every catalog stream, and nothing else", () => {
  deepEqual(Object.keys(SCHEMAS).sort(), [...STREAMS].sort());
  equal(SCHEMAS.available_phone_numbers_local, SCHEMAS.available_phone_numbers_mobile);
  equal(SCHEMAS.available_phone_numbers_local, SCHEMAS.available_phone_numbers_toll_free);
});

Deno.test("SCHEMAS primary-key fields are scalars", () => {
  for (const stream of STREAMS) {
    if (stream.startsWith("available_phone_number")) continue;
    const properties = toJsonSchema(SCHEMAS[stream as keyof typeof SCHEMAS]).properties as Node;
    for (const key of PRIMARY_KEYS[stream] ?? ["sid"]) {
      const field = properties[key];
      ok(isNode(field), `${stream}.${key} is missing`);
      const types = typesOf(field);
      ok(!types.includes("object") && !types.includes("array"), `${stream}.${key} is not scalar`);
    }
  }
});

Deno.test("SCHEMAS accept every example record of Twilio's OpenAPI specs, keeping every key", () => {
  const streams: Record<string, { from: string; record: unknown }[]> = fixture.streams;
  deepEqual(Object.keys(streams).sort(), [...STREAMS].sort());
  for (const stream of STREAMS) {
    const schema = SCHEMAS[stream as keyof typeof SCHEMAS];
    const json = toJsonSchema(schema);
    const examples = streams[stream] ?? [];
    ok(examples.length > 0, `${stream} has no example record`);
    for (const { from, record } of examples) {
      const input = normalise(record, json);
      const result = schema.safeParse(input);
      ok(
        result.success,
        `${stream} from ${from}: ${z.prettifyError(result.error ?? new z.ZodError([]))}`,
      );
      deepEqual(result.data, input, `${stream} from ${from}`);
      for (const [name, field] of Object.entries(json.properties as Node)) {
        const value = isNode(input) ? input[name] : undefined;
        if (!isNode(field) || field.format !== "date-time" || typeof value !== "string") continue;
        ok(ISO_8601.test(value), `${stream}.${name} from ${from}: ${value} is not ISO 8601`);
      }
    }
  }
});

Deno.test("SCHEMAS reject the numeric strings the pipeline must convert first", () => {
  const record = fixture.streams.messages[0]?.record;
  ok(isNode(record) && typeof record.price === "string");
  equal(SCHEMAS.messages.safeParse(record).success, false);
});

Deno.test("SCHEMAS keep unknown fields at every level", () => {
  const message = {
    sid: "SM00000000000000000000000000000000",
    num_media: 2,
    brand_new_field: { nested: [1, "two"] },
    subresource_uris: { media: "/2010-04-01/...", brand_new_link: "/2010-04-01/..." },
  };
  deepEqual(SCHEMAS.messages.parse(message), message);
  const step = { sid: "FT0", context: { flow: { variables: { a: 1 } } }, links: { x: "y" } };
  deepEqual(SCHEMAS.step.parse(step), step);
});

/** Walks a zod schema and yields every node, looking through wrappers, objects and arrays. */
function* zodNodes(schema: z.ZodType): Generator<z.ZodType> {
  yield schema;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    yield* zodNodes(schema.unwrap() as z.ZodType);
  } else if (schema instanceof z.ZodObject) {
    for (const field of Object.values(schema.shape)) yield* zodNodes(field as z.ZodType);
  } else if (schema instanceof z.ZodArray) yield* zodNodes(schema.element as z.ZodType);
}

Deno.test("SCHEMAS are loose objects without transforms", () => {
  for (const [stream, schema] of Object.entries(SCHEMAS)) {
    for (const node of zodNodes(schema)) {
      ok(!(node instanceof z.ZodPipe) && !(node instanceof z.ZodTransform), stream);
      if (node instanceof z.ZodObject) {
        const catchall = node._zod.def.catchall;
        ok(catchall instanceof z.ZodUnknown, `${stream}: an object is not loose`);
      }
    }
  }
});
