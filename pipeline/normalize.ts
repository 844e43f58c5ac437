/**
 * Normalisation: RFC 2822 dates of the 2010 API become ISO 8601 UTC, numbers
 * Twilio sends as strings become numbers where the schema says so, secrets are
 * redacted and volatile fields dropped. The plan is read off the zod schema
 * once per stream, so the per-record work is a few property writes.
 *
 * @module
 */
import type { z } from "zod";
import { rfc2822ToIso } from "../schemas/_common.ts";
import type { JsonObject } from "../protocol/messages.ts";

/** What to do to each record of one stream. */
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

const NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Reads a plan off an object schema: `format: date-time` fields, number and
 * integer fields, and `airbyte_secret` fields (redacted).
 */
export function planFor(
  schema: z.ZodObject,
  extra: { redact?: readonly string[]; drop?: readonly string[] } = {},
): NormalizePlan {
  const dates: string[] = [];
  const numbers: string[] = [];
  const redact = [...extra.redact ?? []];
  for (const [field, type] of Object.entries(schema.shape)) {
    const { base, format, secret } = inspect(type as z.ZodType);
    if (secret) redact.push(field);
    if (base === "number") numbers.push(field);
    else if (base === "string" && format === "date-time") dates.push(field);
  }
  return { dates, numbers, redact, drop: [...extra.drop ?? []] };
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
  for (const field of plan.dates) {
    const value = record[field];
    if (typeof value === "string") record[field] = rfc2822ToIso(value);
  }
  for (const field of plan.numbers) {
    const value = record[field];
    if (typeof value === "string" && NUMERIC.test(value)) record[field] = Number(value);
  }
  for (const field of plan.redact) if (record[field] != null) record[field] = REDACTED;
  for (const field of plan.drop) delete record[field];
  return record;
}

/** A stage that normalises every record of every page. */
export class NormalizeStream extends TransformStream<JsonObject[], JsonObject[]> {
  constructor(plan: NormalizePlan) {
    super({
      transform(page, controller) {
        for (const record of page) normalizeRecord(record, plan);
        controller.enqueue(page);
      },
    });
  }
}
