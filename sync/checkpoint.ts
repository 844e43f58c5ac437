/**
 * The committed state of a sync folder: `state.json` (the per-stream
 * AirbyteStateMessages, exactly what `read --state` accepts) and, in
 * `.sync/files.json`, the byte length each incremental stream's file had
 * when its state was committed.
 *
 * It also keeps, per stream, the length its file had when the stream last
 * completed: the lines after it are those a resumed read may give again
 * (`replay.ts`).
 *
 * A commit replaces `files.json` first, then `state.json`, each atomically.
 * `files.json` keeps the lengths of the last two commits, keyed by the
 * SHA-256 of the `state.json` text they belong to: a run killed between the
 * two renames leaves the old `state.json`, whose lengths are still there. A
 * `state.json` that matches no entry (written by hand, or copied from a
 * `read`) is used as it is, with no lengths.
 *
 * @module
 */
import { ConfigError } from "../pipeline/errors.ts";
import type { AirbyteStreamState, JsonObject } from "../protocol/messages.ts";
import { parseState } from "../protocol/state.ts";
import { INTERNAL_DIR, replaceFile } from "./folder.ts";

/** The state file of a sync folder. */
export const STATE_FILE = "state.json";

/** The file lengths companion, inside {@linkcode INTERNAL_DIR}. */
const FILES_FILE = `${INTERNAL_DIR}/files.json`;

/** What a sync folder holds at rest: states and the file lengths they cover. */
export interface Checkpoint {
  /** The state blob of each stream. */
  states: Map<string, JsonObject>;
  /** Bytes of each incremental stream's file its state covers (empty when unknown). */
  lengths: Map<string, number>;
  /** Bytes of each incremental stream's file when the stream last completed. */
  settled: Map<string, number>;
}

interface FilesEntry {
  state_sha256: string;
  bytes: Record<string, number>;
  settled?: Record<string, number>;
}

/** Reads the committed state of `dir`; a malformed `state.json` is a {@linkcode ConfigError}. */
export async function loadCheckpoint(dir: string): Promise<Checkpoint> {
  const path = `${dir}/${STATE_FILE}`;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { states: new Map(), lengths: new Map(), settled: new Map() };
    }
    throw new ConfigError(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(
      `The state file ${path} is not valid JSON (delete it to sync everything again): ` +
        (cause as Error).message,
      { cause },
    );
  }
  let states: Map<string, JsonObject>;
  try {
    states = parseState(raw);
  } catch (cause) {
    throw new ConfigError(`${path}: ${(cause as Error).message}`, { cause });
  }
  const sha = await sha256(text);
  const entry = (await readFilesEntries(dir)).find((e) => e.state_sha256 === sha);
  return {
    states,
    lengths: new Map(Object.entries(entry?.bytes ?? {})),
    settled: new Map(Object.entries(entry?.settled ?? {})),
  };
}

/** One STREAM state message per stream, by name: what `read --state` takes. */
export function stateMessages(states: ReadonlyMap<string, JsonObject>): AirbyteStreamState[] {
  return [...states.keys()].sort().map((name) => ({
    type: "STREAM",
    stream: { stream_descriptor: { name }, stream_state: states.get(name)! },
  }));
}

/** The `state.json` text of `states`. */
function stateText(states: ReadonlyMap<string, JsonObject>): string {
  return JSON.stringify(stateMessages(states), null, 2) + "\n";
}

/**
 * Commits `checkpoint`: the caller has flushed every byte its lengths count.
 * A run killed anywhere in here leaves the previous checkpoint or this one.
 */
export async function commitCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  const text = stateText(checkpoint.states);
  const entry: FilesEntry = {
    state_sha256: await sha256(text),
    bytes: Object.fromEntries(checkpoint.lengths),
    settled: Object.fromEntries(checkpoint.settled),
  };
  const previous = (await readFilesEntries(dir)).filter((e) =>
    e.state_sha256 !== entry.state_sha256
  );
  const entries = [entry, ...previous.slice(0, 1)];
  await replaceFile(dir, FILES_FILE, JSON.stringify({ commits: entries }, null, 2) + "\n");
  await replaceFile(dir, STATE_FILE, text);
}

/** The entries of `files.json`; a missing or damaged one is no entry (no truncation). */
async function readFilesEntries(dir: string): Promise<FilesEntry[]> {
  try {
    const raw = JSON.parse(await Deno.readTextFile(`${dir}/${FILES_FILE}`));
    const commits: unknown[] = Array.isArray(raw?.commits) ? raw.commits : [];
    return commits.filter((e): e is FilesEntry =>
      typeof (e as FilesEntry)?.state_sha256 === "string" && isLengths((e as FilesEntry).bytes) &&
      ((e as FilesEntry).settled === undefined || isLengths((e as FilesEntry).settled))
    );
  } catch {
    return [];
  }
}

function isLengths(value: unknown): value is Record<string, number> {
  return typeof value === "object" && value !== null &&
    Object.values(value).every((n) => Number.isSafeInteger(n) && n >= 0);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
