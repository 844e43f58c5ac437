/**
 * The Airbyte serializer: batches of messages in, UTF-8 JSON lines out. The
 * last line of defence for secrets: any configured secret value that would
 * reach the output is masked.
 *
 * A batch (a page: a megabyte of JSON) is serialised a slice of lines at a
 * time, so that the text being masked and encoded is still in the CPU cache
 * from `JSON.stringify`; this alone makes serialising a page about a third
 * faster (`deno task bench`). Masking per slice is the same as masking the
 * whole text, since no masked form spans a line break (a secret that
 * contains one is masked on the whole text).
 *
 * @module
 */
import type { AirbyteMessage } from "../protocol/messages.ts";
import { REDACTED } from "./normalize.ts";
import type { Secrets } from "./secrets.ts";

/** Options of {@linkcode SerializeStream}. */
export interface SerializeOptions {
  /** Values that must never be printed (auth token, API key secret). */
  secrets?: readonly string[];
  /**
   * Secrets learnt while the sync runs (subaccounts' auth tokens), masked in
   * every line but records: they never reach a record (the `accounts`
   * stream's schema redacts `auth_token`), and a scan of every record line
   * would cost more than serialising it.
   */
  learnt?: Secrets;
}

/** Lines serialised, masked and encoded together: about 64 KB of JSON. */
const SLICE = 64;

/** One JSON line per message, as text: what {@linkcode LineEncoder} encodes. */
export function serialize(
  messages: readonly AirbyteMessage[],
  secrets: readonly string[] = [],
): string {
  return new TextDecoder().decode(new LineEncoder({ secrets }).encode(messages));
}

/**
 * Secrets shorter than this are not masked: masking every "e" of the output
 * would break its JSON (`{"typ**********":...`) and hide nothing, since a
 * one-letter token is not a secret anyone could keep.
 */
const MIN_MASKED_LENGTH = 4;

/**
 * The texts to mask for `secrets`: each secret long enough to mask, as is
 * and as JSON escapes it, once each (for most secrets both are the same, and
 * every search scans all the text).
 */
export function maskedForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_MASKED_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms];
}

/**
 * Writes messages as JSON lines. A RECORD line is its data's JSON between an
 * opening and a closing kept from the record before, since records come a
 * page of one stream at a time, stamped once per page. That is the text
 * `JSON.stringify` gives for a message made by `recordMessage` (`type`, then
 * `record` with `stream`, `data`, `emitted_at`), without walking the envelope
 * of every record: about a tenth faster (`deno task bench`, step by step).
 */
class LineWriter {
  #stream: string | undefined;
  #opening = "";
  #emittedAt: number | undefined;
  #closing = "";

  line(message: AirbyteMessage): string {
    if (message.type !== "RECORD") return JSON.stringify(message) + "\n";
    const { stream, data, emitted_at } = message.record;
    if (typeof data !== "object" || data === null) return JSON.stringify(message) + "\n";
    if (stream !== this.#stream) {
      this.#stream = stream;
      this.#opening = `{"type":"RECORD","record":{"stream":${JSON.stringify(stream)},"data":`;
    }
    if (emitted_at !== this.#emittedAt) {
      this.#emittedAt = emitted_at;
      this.#closing = `,"emitted_at":${JSON.stringify(emitted_at)}}}\n`;
    }
    return this.#opening + JSON.stringify(data) + this.#closing;
  }
}

/** The masked JSON lines of `messages[from..to)`. */
function lines(
  writer: LineWriter,
  messages: readonly AirbyteMessage[],
  from: number,
  to: number,
  forms: readonly string[],
  learnt: Secrets | undefined,
): string {
  let text = "";
  const end = Math.min(to, messages.length);
  for (let i = from; i < end; i++) {
    const message = messages[i]!;
    const line = writer.line(message);
    text += learnt && message.type !== "RECORD" ? learnt.mask(line) : line;
  }
  return maskForms(text, forms);
}

/** `text` with every form of {@linkcode maskedForms} replaced by the redaction mark. */
export function maskForms(text: string, forms: readonly string[]): string {
  let masked = text;
  for (const form of forms) {
    if (masked.includes(form)) masked = masked.replaceAll(form, REDACTED);
  }
  return masked;
}

const ENCODER = new TextEncoder();

/**
 * UTF-8 bytes appended slice by slice. `encodeInto` a buffer with room for
 * the text costs a fraction of `TextEncoder.encode`; JSON lines are mostly
 * ASCII, so room for one byte per character is nearly always enough, and
 * the rest of a slice is encoded again with room for three.
 */
class Utf8Buffer {
  #bytes: Uint8Array;
  #size = 0;

  constructor(capacity: number) {
    this.#bytes = new Uint8Array(Math.max(64, capacity));
  }

  append(text: string): void {
    let rest = text;
    for (let width = 1;; width = 3) {
      this.#reserve(rest.length * width);
      const { read, written } = ENCODER.encodeInto(rest, this.#bytes.subarray(this.#size));
      this.#size += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
    }
  }

  /** The bytes written (a view of the buffer). */
  get bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#size);
  }

  /** Starts again at the beginning, keeping the memory. */
  clear(): void {
    this.#size = 0;
  }

  #reserve(extra: number): void {
    if (this.#size + extra <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#size + extra, this.#bytes.length * 2));
    grown.set(this.#bytes.subarray(0, this.#size));
    this.#bytes = grown;
  }
}

/** Options of {@linkcode LineEncoder}. */
export interface LineEncoderOptions extends SerializeOptions {
  /**
   * Encode every batch into the same buffer (default false). Each result is
   * then a view that the next `encode` overwrites: for a writer that is done
   * with the bytes before it encodes again, and that wants a sync to allocate
   * one output buffer instead of one per batch.
   */
  reuse?: boolean;
}

/**
 * Encodes message batches as masked UTF-8 JSON lines, one `Uint8Array` per batch.
 *
 * @example Writing batches with one reused buffer
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineEncoder } from "./serialize.ts";
 * import { logMessage } from "../protocol/messages.ts";
 * const encoder = new LineEncoder({ secrets: ["s3cr3t-token"], reuse: true });
 * const sink: string[] = [];
 * for (const batch of [[logMessage("INFO", "token s3cr3t-token")], [logMessage("INFO", "two")]]) {
 *   // Decode (or write) the bytes before the next encode overwrites them.
 *   sink.push(new TextDecoder().decode(encoder.encode(batch)));
 * }
 * assert.match(sink[0]!, /token \*{10}/);
 * assert.match(sink[1]!, /"two"/);
 * ```
 */
export class LineEncoder {
  #forms: string[];
  /** Lines per slice: the whole batch when a masked form could span a line break. */
  #slice: number;
  #reuse: boolean;
  #learnt: Secrets | undefined;
  #writer = new LineWriter();
  #buffer: Utf8Buffer | undefined;
  /** Bytes per message of the previous batch, to size the next buffer. */
  #perMessage = 256;

  constructor(options: LineEncoderOptions = {}) {
    this.#forms = maskedForms(options.secrets ?? []);
    this.#slice = this.#forms.some((form) => form.includes("\n")) ? Infinity : SLICE;
    this.#reuse = options.reuse ?? false;
    this.#learnt = options.learnt;
  }

  /** The lines of `batch`; with `reuse`, valid until the next call. */
  encode(batch: readonly AirbyteMessage[]): Uint8Array {
    const capacity = Math.ceil(batch.length * this.#perMessage * 1.1);
    let buffer = this.#reuse ? this.#buffer : undefined;
    if (buffer) buffer.clear();
    else buffer = this.#buffer = new Utf8Buffer(capacity);
    for (let i = 0; i < batch.length; i += this.#slice) {
      buffer.append(lines(this.#writer, batch, i, i + this.#slice, this.#forms, this.#learnt));
    }
    const bytes = buffer.bytes;
    if (batch.length > 0) this.#perMessage = Math.max(64, bytes.length / batch.length);
    return bytes;
  }
}

/** A stage from message batches to encoded JSON lines, one chunk of its own per batch. */
export class SerializeStream extends TransformStream<AirbyteMessage[], Uint8Array> {
  constructor(options: SerializeOptions = {}) {
    const encoder = new LineEncoder(options);
    super({
      transform(batch, controller) {
        if (batch.length > 0) controller.enqueue(encoder.encode(batch));
      },
    });
  }
}
