/**
 * The catalog's `json_schema`, generated from the same zod schema that validates records.
 *
 * `z.toJSONSchema(schema, { target: "draft-7" })` is close to what Airbyte wants; this module
 * rewrites the parts Airbyte's destinations and type mappers read badly:
 *
 * - `anyOf: [{ type: X, ... }, { type: "null" }]` (zod's spelling of `.nullable()` for objects,
 *   arrays and formatted strings) becomes `{ type: [X, "null"], ... }`;
 * - every object gets `additionalProperties: true` (zod writes `{}` for `.loose()`);
 * - `$ref`s are inlined, so a stream's schema is self-contained;
 * - zod's safe-integer bounds on `z.int()` are dropped (they carry no information).
 *
 * `allOf`, `not`, recursive `$ref`s and unions of several object shapes have no faithful
 * rewrite and throw instead of producing a schema that silently means something else.
 *
 * @module
 */

import { z } from "zod";

type JsonSchema = Record<string, unknown>;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typesOf(node: JsonSchema): string[] {
  const type = node.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
}

/** Merges the branches of an `anyOf` into one schema with a list of types. */
function collapseAnyOf(branches: JsonSchema[], path: string): JsonSchema {
  const nullable = branches.some((b) => typesOf(b).includes("null"));
  const others = branches.filter((b) => !(typesOf(b).length === 1 && b.type === "null"));
  if (others.some((b) => !("type" in b))) return {}; // one branch accepts anything
  const detailed = others.filter((b) => Object.keys(b).some((key) => key !== "type"));
  if (detailed.length > 1) {
    throw new TypeError(`Cannot collapse anyOf into a list of types: at ${path || "/"}`);
  }
  const types = [...new Set(others.flatMap(typesOf))];
  if (nullable && !types.includes("null")) types.push("null");
  return { ...detailed[0], type: types.length === 1 ? types[0] : types };
}

function resolveRef(ref: string, root: JsonSchema, path: string): JsonSchema {
  const match = /^#\/(definitions|\$defs)\/(.+)$/.exec(ref);
  const defs = match ? root[match[1] ?? ""] : undefined;
  const target = isSchema(defs) ? defs[match?.[2] ?? ""] : undefined;
  if (!isSchema(target)) throw new TypeError(`Cannot resolve $ref "${ref}": at ${path || "/"}`);
  return target;
}

function rewrite(node: JsonSchema, root: JsonSchema, path: string, refs: string[]): JsonSchema {
  if (typeof node.$ref === "string") {
    const ref = node.$ref;
    if (refs.includes(ref)) throw new TypeError(`Cannot inline recursive $ref "${ref}"`);
    const { $ref: _ref, ...siblings } = node;
    const target = resolveRef(ref, root, path);
    return rewrite({ ...target, ...siblings }, root, path, [...refs, ref]);
  }
  if ("not" in node || "allOf" in node) {
    throw new TypeError(`Cannot express "not" or "allOf" for Airbyte: at ${path || "/"}`);
  }
  const { anyOf, oneOf, ...rest } = node;
  const union = anyOf ?? oneOf;
  if (Array.isArray(union)) {
    const branches = union.filter(isSchema).map((b, i) => rewrite(b, root, `${path}/${i}`, refs));
    return rewrite({ ...rest, ...collapseAnyOf(branches, path) }, root, path, refs);
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === "definitions" || key === "$defs") continue;
    if (key === "properties" && isSchema(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, field]) => [
          name,
          isSchema(field) ? rewrite(field, root, `${path}/${name}`, refs) : field,
        ]),
      );
    } else if (key === "items" && isSchema(value)) {
      out.items = rewrite(value, root, `${path}/items`, refs);
    } else out[key] = value;
  }
  const types = typesOf(out);
  if (types.includes("object")) out.additionalProperties = true;
  if (types.includes("integer")) {
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  }
  return out;
}

/**
 * The Airbyte JSON schema (draft 7) of a record schema, with `$schema` kept at the root.
 *
 * @throws {TypeError} when the schema needs `allOf`, `not`, a recursive `$ref` or a union of
 * several shapes, none of which has a faithful Airbyte spelling
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { z } from "zod";
 * import { toJsonSchema } from "./_json_schema.ts";
 * const schema = z.object({ sid: z.string().nullable().optional() }).loose();
 * deepEqual(toJsonSchema(schema), {
 *   $schema: "http://json-schema.org/draft-07/schema#",
 *   type: "object",
 *   properties: { sid: { type: ["string", "null"] } },
 *   additionalProperties: true,
 * });
 * ```
 */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const root = z.toJSONSchema(schema, { target: "draft-7" }) as JsonSchema;
  const { $schema, ...body } = root;
  return { $schema, ...rewrite(body, root, "", []) };
}
