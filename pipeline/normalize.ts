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
      `v = ${at(f)}; if (typeof v === "string") { n = decimalValue(v); if (n === n) ${at(f)} = n; }`
    ),
    ...plan.redact.map((f) => `if (${at(f)} != null) ${at(f)} = REDACTED;`),
    ...plan.drop.map((f) => `delete ${at(f)};`),
  ];
  const factory = new Function(
    "rfc2822ToIso",
    "decimalValue",
    "REDACTED",
    `"use strict"; return function normalize(r) { let v, n; ${body.join(" ")} return r; };`,
  );
  normalize = factory(rfc2822ToIso, decimalValue, REDACTED) as Normalizer;
  COMPILED.set(plan, normalize);
  return normalize;
}

const MINUS = 45;
const DOT = 46;

/** Exact powers of ten, 10^0 to 10^15. */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The number a decimal string spells (`"-0.0075"`, `"3"`, `".5"`, `"1e3"`),
 * or NaN when it spells none: the value `Number(value)` gives for the strings
 * {@linkcode isNumeric} accepts. Plain decimals of up to 15 digits, which is
 * what Twilio sends, are read in the same scan that checks them: the digits
 * as an integer below 2^53 over an exact power of ten, one correctly rounded
 * division, so the same double as `Number`. Anything longer, or with an
 * exponent, goes to `Number`.
 */
export function decimalValue(value: string): number {
  const negative = value.charCodeAt(0) === MINUS;
  let i = negative ? 1 : 0;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let c = value.charCodeAt(i);
  for (; c >= 48 && c <= 57; c = value.charCodeAt(++i), digits++) mantissa = mantissa * 10 + c - 48;
  if (c === DOT) {
    c = value.charCodeAt(++i);
    for (; c >= 48 && c <= 57; c = value.charCodeAt(++i), digits++, scale++) {
      mantissa = mantissa * 10 + c - 48;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i === value.length && digits <= 15) {
    const magnitude = mantissa / POWERS_OF_TEN[scale]!;
    return negative ? -magnitude : magnitude;
  }
  return isNumeric(value) ? Number(value) : Number.NaN;
}

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
