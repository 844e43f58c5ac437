/**
 * Shared pieces of the record schemas: field helpers, the date codec and the JSON schema
 * generator.
 *
 * Rules every record schema follows, decided once here:
 *
 * - **Every field is nullable and optional.** Twilio omits fields (older API versions, other
 *   resource types) and sends `null` for unset ones; neither is a reason to reject a record.
 * - **Every object is `.loose()`: unknown fields are kept and emitted.** Twilio adds fields to
 *   its resources over time. Stripping a field the schema does not know yet would silently
 *   lose data; keeping it costs nothing and the catalog says so (`additionalProperties: true`).
 * - **No transforms, preprocessing or coercion.** The catalog's JSON schema is generated from
 *   these schemas, so they must describe the emitted value, not the received one. The pipeline
 *   normalises before validating, driven by the schema: `dateTime()` fields go from RFC 2822 to
 *   ISO 8601 UTC (`rfc2822ToIso`), numeric strings in `int()`/`num()` fields become numbers and
 *   `secret()` fields are redacted.
 *
 * @module
 */

import { z } from "zod";

export { isoToRfc2822, rfc2822ToIso } from "./_rfc2822.ts";
export { toJsonSchema } from "./_json_schema.ts";

/** A field that may be missing or `null`. */
export type Field<T extends z.ZodType> = z.ZodOptional<z.ZodNullable<T>>;

/** Makes a schema nullable and optional, the shape of every record field. */
export function field<T extends z.ZodType>(schema: T): Field<T> {
  return schema.nullable().optional();
}

/**
 * A string field.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { str } from "./_common.ts";
 * equal(str().safeParse(null).success, true);
 * equal(str().safeParse(undefined).success, true);
 * equal(str().safeParse(1).success, false);
 * ```
 */
export function str(): Field<z.ZodString> {
  return field(z.string());
}

/** An integer field (Twilio sends some as numeric strings; the pipeline converts them). */
export function int(): Field<z.ZodInt> {
  return field(z.int());
}

/** A number field (Twilio sends prices as numeric strings; the pipeline converts them). */
export function num(): Field<z.ZodNumber> {
  return field(z.number());
}

/** A boolean field. */
export function bool(): Field<z.ZodBoolean> {
  return field(z.boolean());
}

/** A timestamp: the pipeline rewrites it to ISO 8601 UTC, the catalog says `date-time`. */
export function dateTime(): Field<z.ZodString> {
  return field(z.string().meta({ format: "date-time" }));
}

/** A calendar date (`YYYY-MM-DD`), left as Twilio sends it. */
export function date(): Field<z.ZodString> {
  return field(z.string().meta({ format: "date" }));
}

/** A credential (e.g. an account's `auth_token`): the pipeline redacts it before emitting. */
export function secret(): Field<z.ZodString> {
  return field(z.string().meta({ airbyte_secret: true }));
}

/** A nested object with known fields; unknown ones are kept. */
export function obj<T extends z.core.$ZodLooseShape>(
  shape: T,
): Field<z.ZodObject<T, z.core.$loose>> {
  return field(z.object(shape).loose());
}

/** An array field. */
export function arr<T extends z.ZodType>(item: T): Field<z.ZodArray<T>> {
  return field(z.array(item));
}

/** An array of strings. */
export function strList(): Field<z.ZodArray<z.ZodString>> {
  return arr(z.string());
}

/** A free-form object whose keys Twilio does not fix (a Studio `context`, `bindings`, ...). */
export function record(): Field<z.ZodObject<Record<never, never>, z.core.$loose>> {
  return field(z.object({}).loose());
}

/** A map of named links (`links`, `subresource_uris`): each name is a string field. */
export function links<const K extends string>(
  ...names: K[]
): Field<z.ZodObject<Record<K, Field<z.ZodString>>, z.core.$loose>> {
  const shape = Object.fromEntries(names.map((name) => [name, str()])) as Record<
    K,
    Field<z.ZodString>
  >;
  return obj(shape);
}

const CAPABILITY_FLAGS = {
  voice: bool(),
  sms: bool(),
  mms: bool(),
  fax: bool(),
  Voice: bool(),
  SMS: bool(),
  MMS: bool(),
};

/**
 * The capabilities of a phone number. Twilio spells the keys in lower case on most resources
 * and capitalised on some (`Voice`, `SMS`, `MMS` on dependent phone numbers), so both are known.
 */
export function capabilities(): Field<z.ZodObject<typeof CAPABILITY_FLAGS, z.core.$loose>> {
  return obj({ ...CAPABILITY_FLAGS });
}

/**
 * The JSON schema `format` a field was declared with (`date-time`, `date`), looking through
 * `.nullable()` and `.optional()`; `undefined` when it has none.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { dateTime, formatOf, str } from "./_common.ts";
 * equal(formatOf(dateTime()), "date-time");
 * equal(formatOf(str()), undefined);
 * ```
 */
export function formatOf(schema: z.ZodType): string | undefined {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  const format = current.meta()?.format;
  return typeof format === "string" ? format : undefined;
}
