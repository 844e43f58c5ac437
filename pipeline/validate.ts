/**
 * Validation against the stream's zod schema. It never drops data: by default a
 * record that fails is passed on as received, counted and logged (rate
 * limited); in strict mode the stream fails instead.
 *
 * Each schema is compiled once (`z.compile`: generated code, no output value
 * built) and asked only whether a record is valid; the full `safeParse`, with
 * its issues, runs for the records that are not. zod's compiled check answers
 * as its runtime parser does (it hands anything it cannot model to the
 * runtime), and a schema it cannot compile stays on the runtime parser.
 *
 * @module
 */
import { z } from "zod";
import { RecordValidationError } from "./errors.ts";
import type { JsonObject } from "../protocol/messages.ts";

/** Options of {@linkcode ValidateStream}. */
export interface ValidateOptions {
  schema: z.ZodType;
  stream: string;
  /** Fail the stream on the first invalid record instead of passing it on. */
  strict?: boolean;
  /** Called for each invalid record with the running count and a short reason. */
  onInvalid?: (count: number, reason: string) => void;
}

/** Describes the first issue of a failed parse, e.g. `price: expected number, received string`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  return `${issue.path.join(".") || "(record)"}: ${issue.message}`;
}

const COMPILED = new WeakMap<z.ZodType, z.ZodType>();

/** `schema` compiled to a fast validator, once per schema. */
function compiled(schema: z.ZodType): z.ZodType {
  let fast = COMPILED.get(schema);
  if (!fast) COMPILED.set(schema, fast = z.compile(schema));
  return fast;
}

/** Why `record` does not match `schema` by zod's full parse, or undefined when it does. */
function issueOf(schema: z.ZodType, record: unknown): string | undefined {
  const result = schema.safeParse(record);
  return result.success ? undefined : describeIssue(result.error);
}

/** Why one record does not match `schema` (the compiled check first), or undefined when it does. */
export function recordIssue(schema: z.ZodType, record: unknown): string | undefined {
  return compiled(schema).validate(record) ? undefined : issueOf(schema, record);
}

/** A stage that checks each record against the schema. */
export class ValidateStream extends TransformStream<JsonObject[], JsonObject[]> {
  #invalid = 0;

  constructor(options: ValidateOptions) {
    const { schema, stream, strict = false, onInvalid } = options;
    const fast = compiled(schema);
    super({
      transform: (page, controller) => {
        for (const record of page) {
          if (fast.validate(record)) continue;
          const reason = issueOf(schema, record);
          if (reason === undefined) continue;
          if (strict) {
            throw new RecordValidationError(
              `A "${stream}" record does not match its schema: ${reason}`,
              { stream },
            );
          }
          onInvalid?.(++this.#invalid, reason);
        }
        controller.enqueue(page);
      },
    });
  }

  /** Invalid records seen so far. */
  get invalid(): number {
    return this.#invalid;
  }
}
