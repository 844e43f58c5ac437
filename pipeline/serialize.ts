/**
 * The Airbyte serializer: batches of messages in, UTF-8 JSON lines out. The
 * last line of defence for secrets: any configured secret value that would
 * reach the output is masked.
 *
 * @module
 */
import type { AirbyteMessage } from "../protocol/messages.ts";
import { REDACTED } from "./normalize.ts";

/** Options of {@linkcode SerializeStream}. */
export interface SerializeOptions {
  /** Values that must never be printed (auth token, API key secret). */
  secrets?: readonly string[];
}

/** One JSON line per message. */
export function serialize(
  messages: readonly AirbyteMessage[],
  secrets: readonly string[] = [],
): string {
  let text = "";
  for (const message of messages) text += JSON.stringify(message) + "\n";
  for (const secret of secrets) {
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
      if (text.includes(form)) text = text.replaceAll(form, REDACTED);
    }
  }
  return text;
}

/** A stage from message batches to encoded JSON lines. */
export class SerializeStream extends TransformStream<AirbyteMessage[], Uint8Array> {
  constructor(options: SerializeOptions = {}) {
    const encoder = new TextEncoder();
    const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
    super({
      transform(batch, controller) {
        if (batch.length > 0) controller.enqueue(encoder.encode(serialize(batch, secrets)));
      },
    });
  }
}
