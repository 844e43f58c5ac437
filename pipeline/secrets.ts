/**
 * Secrets learnt during a sync (subaccounts' auth tokens), masked in the
 * output as a last line of defence: they are never put in a message on
 * purpose. Masking scans a text once for runs of hex digits, whatever the
 * number of tokens, so a thousand subaccounts cost what one does.
 *
 * @module
 */
import { REDACTED } from "./normalize.ts";

const HEX_RUN = /[0-9a-fA-F]{32,}/g;
const TOKEN = /^[0-9a-fA-F]{32}$/;

/**
 * A growing set of secrets to mask.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Secrets } from "./secrets.ts";
 * const secrets = new Secrets();
 * secrets.add("0123456789abcdef0123456789abcdef");
 * assert.equal(secrets.mask("token 0123456789abcdef0123456789abcdef."), "token **********.");
 * assert.equal(secrets.mask("SM0123456789abcdef0123456789abcdee"), "SM0123456789abcdef0123456789abcdee");
 * ```
 */
export class Secrets {
  #tokens = new Set<string>();
  #others: string[] = [];

  /** Adds a secret (ignored when shorter than 8 characters). */
  add(secret: string): void {
    if (secret.length < 8) return;
    if (TOKEN.test(secret)) this.#tokens.add(secret.toLowerCase());
    else if (!this.#others.includes(secret)) this.#others.push(secret);
  }

  /** How many secrets are held. */
  get size(): number {
    return this.#tokens.size + this.#others.length;
  }

  /** `text` with every secret replaced by the redaction mark. */
  mask(text: string): string {
    let masked = this.#tokens.size === 0 ? text : text.replace(HEX_RUN, (run) => this.#run(run));
    for (const other of this.#others) {
      if (masked.includes(other)) masked = masked.replaceAll(other, REDACTED);
    }
    return masked;
  }

  /** A run of hex digits, with every token inside it masked. */
  #run(run: string): string {
    const lower = run.toLowerCase();
    if (run.length === 32) return this.#tokens.has(lower) ? REDACTED : run;
    for (let i = 0; i + 32 <= run.length; i++) {
      if (this.#tokens.has(lower.slice(i, i + 32))) {
        return this.#run(run.slice(0, i)) + REDACTED + this.#run(run.slice(i + 32));
      }
    }
    return run;
  }
}
