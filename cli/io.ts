/**
 * The CLI's I/O: reading the JSON files it is handed, writing protocol lines
 * to stdout (and nothing else there), and turning failures into one TRACE error.
 *
 * @module
 */
import { asSourceError, ConfigError, type SourceError } from "../pipeline/errors.ts";
import { LineEncoder } from "../pipeline/serialize.ts";
import type { Secrets } from "../pipeline/secrets.ts";
import { type AirbyteMessage, errorMessage } from "../protocol/messages.ts";

/** Reads and parses a JSON file; a missing or malformed file is a {@linkcode ConfigError}. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    const reason = cause instanceof Deno.errors.NotFound
      ? "no such file"
      : (cause as Error).message;
    throw new ConfigError(`Cannot read the ${what} file ${path}: ${reason}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    // V8 quotes up to 20 characters around the error (`Unexpected token 'x', ..."abc"... is
    // not valid JSON`): in a config file they may be part of the auth token, so drop the quote.
    const reason = (cause as Error).message.replace(/, (?:\.\.\.)?".*$/s, "");
    throw new ConfigError(`The ${what} file ${path} is not valid JSON: ${reason}`, { cause });
  }
}

/** Writes messages to stdout as JSON lines, masking secrets. */
export async function writeMessages(
  messages: readonly AirbyteMessage[],
  secrets: readonly string[] = [],
): Promise<void> {
  await writeAll(new LineEncoder({ secrets }).encode(messages));
}

/** Pipes message batches to stdout. Resolves false when stdout was closed by the reader. */
export async function pipeToStdout(
  batches: ReadableStream<AirbyteMessage[]>,
  secrets: readonly string[],
  learnt?: Secrets,
): Promise<boolean> {
  // One output buffer for the whole sync: each batch is written before the next is encoded.
  const encoder = new LineEncoder({ secrets, reuse: true, ...(learnt ? { learnt } : {}) });
  const reader = batches.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return true;
      await writeAll(encoder.encode(value));
    }
  } catch (error) {
    await reader.cancel(error).catch(() => {});
    if (isBrokenPipe(error)) return false;
    throw error;
  } finally {
    reader.releaseLock();
  }
}

async function writeAll(bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    offset += await Deno.stdout.write(bytes.subarray(offset, offset + 65536));
  }
}

/** True for the error a write to a closed pipe raises. */
export function isBrokenPipe(error: unknown): boolean {
  return error instanceof Deno.errors.BrokenPipe ||
    (error instanceof Error && /broken pipe|EPIPE/i.test(error.message));
}

/** The TRACE error for a failure that escaped, plus a debug line on stderr. */
export function traceOf(error: unknown, debug: boolean): AirbyteMessage {
  const failure: SourceError = asSourceError(error);
  if (debug && failure.failureType === "system_error") {
    console.error(error instanceof Error ? error.stack : String(error));
  }
  return errorMessage(failure.message, failure.failureType, Date.now(), {
    stream: failure.stream,
    internal: failure.internal,
  });
}
