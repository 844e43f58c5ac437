import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { z } from "zod";
import { toJsonSchema } from "../../schemas/_json_schema.ts";
import { formatOf } from "../../schemas/_common.ts";
import { SCHEMAS } from "../../schemas/mod.ts";

type Node = Record<string, unknown>;

/** Every schema node of a JSON schema with its path, depth first. */
function* nodes(node: unknown, path = ""): Generator<[string, Node]> {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return;
  const schema = node as Node;
  yield [path || "/", schema];
  for (const [name, child] of Object.entries((schema.properties ?? {}) as Node)) {
    yield* nodes(child, `${path}/${name}`);
  }
  if (schema.items) yield* nodes(schema.items, `${path}/items`);
}

function typesOf(node: Node): unknown[] {
  return Array.isArray(node.type) ? node.type : [node.type];
}

Deno.test("toJsonSchema() gives every stream a flat draft-7 schema Airbyte can read", () => {
  for (const [stream, schema] of Object.entries(SCHEMAS)) {
    const json = toJsonSchema(schema);
    equal(json.$schema, "http://json-schema.org/draft-07/schema#", stream);
    const text = JSON.stringify(json);
    for (const key of ["anyOf", "oneOf", "allOf", "not", "$ref", "$defs", "definitions"]) {
      ok(!text.includes(`"${key}"`), `${stream}: "${key}" left in the schema`);
    }
    for (const [path, node] of nodes(json)) {
      const types = typesOf(node);
      if (types.includes("object")) equal(node.additionalProperties, true, `${stream} ${path}`);
      if (path !== "/") ok(types.includes("null") || path.endsWith("/items"), `${stream} ${path}`);
    }
  }
});

Deno.test("toJsonSchema() marks every dateTime() field, and only those, as date-time", () => {
  const timestamp = /^date_|^(start|end)_time$|_timestamp$|^as_of$/;
  for (const [stream, schema] of Object.entries(SCHEMAS)) {
    const properties = toJsonSchema(schema).properties as Record<string, Node>;
    for (const [name, field] of Object.entries(schema.shape)) {
      const format = formatOf(field as z.ZodType);
      equal(properties[name]?.format, format, `${stream}.${name}`);
      if (format !== "date-time" && stream !== "usage_records") {
        ok(!timestamp.test(name), `${stream}.${name} looks like a timestamp but is not dateTime()`);
      }
    }
  }
  const usage = toJsonSchema(SCHEMAS.usage_records).properties as Record<string, Node>;
  equal(usage.start_date?.format, "date");
  equal(usage.end_date?.format, "date");
});

Deno.test("toJsonSchema() collapses nullable unions into a list of types", () => {
  const schema = z.object({
    nested: z.object({ at: z.string().meta({ format: "date-time" }).nullable() }).nullable(),
    list: z.array(z.int()).nullable().optional(),
    either: z.union([z.string(), z.number()]).nullable(),
    anything: z.unknown().nullable(),
  });
  deepEqual(toJsonSchema(schema), {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
      nested: {
        type: ["object", "null"],
        properties: { at: { type: ["string", "null"], format: "date-time" } },
        required: ["at"],
        additionalProperties: true,
      },
      list: { type: ["array", "null"], items: { type: "integer" } },
      either: { type: ["string", "number", "null"] },
      anything: {},
    },
    required: ["nested", "either", "anything"],
    additionalProperties: true,
  });
});

Deno.test("toJsonSchema() inlines shared definitions", () => {
  const Link = z.object({ href: z.string() }).meta({ id: "Link" });
  const json = toJsonSchema(z.object({ self: Link, next: Link.nullable() }));
  const properties = json.properties as Record<string, Node>;
  equal(properties.self?.type, "object");
  deepEqual(properties.next?.type, ["object", "null"]);
  ok(!JSON.stringify(json).includes("$ref"));
});

Deno.test("toJsonSchema() refuses schemas Airbyte cannot express faithfully", () => {
  const A = z.object({ a: z.string() });
  const B = z.object({ b: z.string() });
  throws(() => toJsonSchema(z.intersection(z.string().min(1), z.string().max(3))), TypeError);
  throws(() => toJsonSchema(z.object({ x: z.never().optional() })), TypeError);
  throws(() => toJsonSchema(z.object({ x: z.union([A, B]) })), TypeError);
  interface Tree {
    children: Tree[];
  }
  const Tree: z.ZodType<Tree> = z.object({ children: z.array(z.lazy(() => Tree)) });
  throws(() => toJsonSchema(Tree), TypeError);
});
