/**
 * Validation against the stream's zod schema. It never drops data: by default a
 * record that fails is passed on as received, counted and logged (rate
 * limited); in strict mode the stream fails instead.
 *
 * Each schema is compiled once into a yes/no check: generated code that
 * builds nothing (`shapeCheckOf`), or zod's own compiled validator
 * (`z.compile`) for a schema outside the types that check covers. The full
 * `safeParse`, with its issues, runs only for the records the check rejects,
 * and it has the last word: a record it accepts passes.
 *
 * @module
 */
import { z } from "zod";
import { type ShapeCheck, shapeCheckOf } from "./_shape_check.ts";
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

const CHECKS = new WeakMap<z.ZodType, ShapeCheck>();

/** zod's compiled validator as a check. */
function zodCheckOf(schema: z.ZodType): ShapeCheck {
  const compiled = z.compile(schema);
  return (value) => compiled.validate(value);
}

/** `schema` compiled to a fast yes/no check, once per schema. */
function checkOf(schema: z.ZodType): ShapeCheck {
  let check = CHECKS.get(schema);
  if (!check) {
    check = shapeCheckOf(schema) ?? zodCheckOf(schema);
    CHECKS.set(schema, check);
  }
  return check;
}

/** Why `record` does not match `schema` by zod's full parse, or undefined when it does. */
function issueOf(schema: z.ZodType, record: unknown): string | undefined {
  const result = schema.safeParse(record);
  return result.success ? undefined : describeIssue(result.error);
}

/** The error strict mode fails a stream with, for a record that does not match its schema. */
function validationError(stream: string, reason: string): RecordValidationError {
  return new RecordValidationError(
    `A "${stream}" record does not match its schema: ${reason}`,
    { stream },
  );
}

/**
 * One stream's validation: checks a record and, when it does not match,
 * reports it (default) or fails (strict mode). The stage below uses it for
 * listed records, and the stream node for records fetched again by SID.
 */
export class RecordValidator {
  #check: ShapeCheck;
  #options: ValidateOptions;
  #invalid = 0;

  constructor(options: ValidateOptions) {
    this.#check = checkOf(options.schema);
    this.#options = options;
  }

  /** Returns when `record` matches or was reported; throws `RecordValidationError` in strict mode. */
  validate(record: unknown): void {
    if (this.#check(record)) return;
    const { schema, stream, strict, onInvalid } = this.#options;
    const reason = issueOf(schema, record);
    if (reason === undefined) return;
    if (strict) throw validationError(stream, reason);
    onInvalid?.(++this.#invalid, reason);
  }

  /** Invalid records seen so far. */
  get invalid(): number {
    return this.#invalid;
  }
}

/** A stage that checks each record against the schema. */
export class ValidateStream extends TransformStream<JsonObject[], JsonObject[]> {
  #validator: RecordValidator;

  constructor(options: ValidateOptions) {
    const validator = new RecordValidator(options);
    super({
      transform(page, controller) {
        for (const record of page) validator.validate(record);
        controller.enqueue(page);
      },
    });
    this.#validator = validator;
  }

  /** Invalid records seen so far. */
  get invalid(): number {
    return this.#validator.invalid;
  }
}
