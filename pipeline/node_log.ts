/**
 * What a stream node says while it reads: INFO and WARN logs, some only once
 * per sync, and a rate-limited WARN for records that do not match the schema.
 *
 * @module
 */
import type { Output } from "./output.ts";

/** Log levels a node uses. */
export type NodeLogLevel = "INFO" | "WARN";

/** The logs of one stream. */
export class NodeLog {
  /** Records that did not match the schema so far. */
  invalid = 0;
  readonly #output: Output;
  readonly #stream: string;
  readonly #logged = new Set<string>();

  constructor(output: Output, stream: string) {
    this.#output = output;
    this.#stream = stream;
  }

  /** Logs a message. */
  log(level: NodeLogLevel, message: string): void {
    this.#output.log(level, message);
  }

  /** Logs a message the first time `id` is seen in this sync. */
  once(id: string, level: NodeLogLevel, message: string): void {
    if (this.#logged.has(id)) return;
    this.#logged.add(id);
    this.log(level, message);
  }

  /** Counts an invalid record; the first three and every thousandth are logged. */
  invalidRecord(reason: string): void {
    this.invalid++;
    if (this.invalid <= 3 || this.invalid % 1000 === 0) {
      this.log(
        "WARN",
        `"${this.#stream}" record #${this.invalid} does not match the schema (emitted as ` +
          `received): ${reason}`,
      );
    }
  }
}
