/**
 * Normalisation: RFC 2822 dates of the 2010 API become ISO 8601 UTC, numbers
 * Twilio sends as strings become numbers where the schema says so, secrets are
 * redacted and volatile fields dropped. The plan is read off the zod schema
 * once per stream and compiled once into a function that names each field, so
 * the per-record work is a few monomorphic property reads and writes.
 *
 * @module
 */
import type { z } from "zod";
import { rfc2822ToIso } from "../schemas/_common.ts";
import type { JsonObject } from "../protocol/messages.ts";

/** What to do to each record of one stream. Not changed once used: its compiled form is cached. */
export interface NormalizePlan {
  /** Timestamp fields (RFC 2822 → ISO 8601 UTC). */
  dates: string[];
  /** Number and integer fields (numeric strings → numbers). */
  numbers: string[];
  /** Fields whose value is replaced by a mask. */
  redact: string[];
  /** Fields removed. */
  drop: string[];
}

/** The mask written over secret values. */
export const REDACTED = "**********";

/**
 * Reads a plan off an object schema: `format: date-time` fields, number and
 * integer fields, and `airbyte_secret` fields (redacted). A field that is
 * dropped is not converted first.
 */
export function planFor(
  schema: z.ZodObject,
  extra: { redact?: readonly string[]; drop?: readonly string[] } = {},
): NormalizePlan {
  const dates: string[] = [];
  const numbers: string[] = [];
  const redact = [...extra.redact ?? []];
  const drop = [...extra.drop ?? []];
  for (const [field, type] of Object.entries(schema.shape)) {
    if (drop.includes(field)) continue;
    const { base, format, secret } = inspect(type as z.ZodType);
    if (secret) redact.push(field);
    if (base === "number") numbers.push(field);
    else if (base === "string" && format === "date-time") dates.push(field);
  }
  return { dates, numbers, redact, drop };
}

/** The base type of a field under its optional/nullable wrappers, and its `format` meta. */
function inspect(type: z.ZodType): { base: string; format?: string; secret: boolean } {
  let current = type;
  let format: string | undefined;
  let secret = false;
  for (let depth = 0; depth < 8; depth++) {
    const meta = current.meta() as { format?: string; airbyte_secret?: boolean } | undefined;
    format ??= meta?.format;
    secret ||= meta?.airbyte_secret === true;
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if (!def.innerType || !["optional", "nullable", "default"].includes(def.type)) break;
    current = def.innerType;
  }
  const meta = current.meta() as { format?: string; airbyte_secret?: boolean } | undefined;
  return {
    base: current._zod.def.type,
    format: format ?? meta?.format,
    secret: secret || meta?.airbyte_secret === true,
  };
}

/** Applies `plan` to `record` in place and returns it. */
export function normalizeRecord(record: JsonObject, plan: NormalizePlan): JsonObject {
  return compiled(plan)(record);
}

type Normalizer = (record: JsonObject) => JsonObject;

const COMPILED = new WeakMap<NormalizePlan, Normalizer>();

/**
 * The plan as one function with the field names written out: a loop over
 * the names makes every property access megamorphic, which costs more than
 * the conversions themselves. The order is the plan's: dates, numbers,
 * redactions, drops.
 */
function compiled(plan: NormalizePlan): Normalizer {
  let normalize = COMPILED.get(plan);
  if (normalize) return normalize;
  const at = (field: string) => `r[${JSON.stringify(field)}]`;
  const body = [
    ...plan.dates.map((f) =>
      `v = ${at(f)}; if (typeof v === "string") ${at(f)} = rfc2822ToIso(v);`
    ),
    ...plan.numbers.map((f) =>
      `v = ${at(f)}; if (typeof v === "string" && isNumeric(v)) ${at(f)} = Number(v);`
    ),
    ...plan.redact.map((f) => `if (${at(f)} != null) ${at(f)} = REDACTED;`),
    ...plan.drop.map((f) => `delete ${at(f)};`),
  ];
  const factory = new Function(
    "rfc2822ToIso",
    "isNumeric",
    "REDACTED",
    `"use strict"; return function normalize(r) { let v; ${body.join(" ")} return r; };`,
  );
  normalize = factory(rfc2822ToIso, isNumeric, REDACTED) as Normalizer;
  COMPILED.set(plan, normalize);
  return normalize;
}

const MINUS = 45;
const DOT = 46;

/** Whether `value` is a decimal number: `/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/`, scanned. */
function isNumeric(value: string): boolean {
  const n = value.length;
  let i = value.charCodeAt(0) === MINUS ? 1 : 0;
  let digits = i;
  i = skipDigits(value, i);
  digits = i - digits;
  if (value.charCodeAt(i) === DOT) {
    const from = ++i;
    i = skipDigits(value, i);
    digits += i - from;
  }
  if (digits === 0) return false;
  if (i < n && (value.charCodeAt(i) | 32) === 101) { // e or E
    const sign = value.charCodeAt(++i);
    if (sign === 43 || sign === MINUS) i++;
    const from = i;
    i = skipDigits(value, i);
    if (i === from) return false;
  }
  return i === n;
}

function skipDigits(value: string, i: number): number {
  let c = value.charCodeAt(i);
  while (c >= 48 && c <= 57) c = value.charCodeAt(++i);
  return i;
}

/** A stage that normalises every record of every page. */
export class NormalizeStream extends TransformStream<JsonObject[], JsonObject[]> {
  constructor(plan: NormalizePlan) {
    const normalize = compiled(plan);
    super({
      transform(page, controller) {
        for (const record of page) normalize(record);
        controller.enqueue(page);
      },
    });
  }
}
