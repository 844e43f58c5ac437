/**
 * Validation against the stream's zod schema. It never drops data: by default a
 * record that fails is passed on as received, counted and logged (rate
 * limited); in strict mode the stream fails instead.
 *
 * @module
 */
import type { z } from "zod";
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

/** A stage that checks each record against the schema. */
export class ValidateStream extends TransformStream<JsonObject[], JsonObject[]> {
  #invalid = 0;

  constructor(options: ValidateOptions) {
    const { schema, stream, strict = false, onInvalid } = options;
    super({
      transform: (page, controller) => {
        for (const record of page) {
          const result = schema.safeParse(record);
          if (result.success) continue;
          const reason = describeIssue(result.error);
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
