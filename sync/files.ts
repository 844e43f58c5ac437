/**
 * The record files of a sync folder: `<stream>.jsonl`, one record's data a
 * line. An incremental stream appends to its file (cut back first to the
 * length its committed state covers); a full-refresh stream writes
 * `.sync/<stream>.jsonl.tmp` and renames it over its file once the stream is
 * complete, so a reader sees the previous complete refresh until then.
 *
 * @module
 */
import { maskedForms, maskForms } from "../pipeline/serialize.ts";
import type { JsonObject } from "../protocol/messages.ts";
import { INTERNAL_DIR, internalPath, syncFolder, writeAll } from "./folder.ts";
import { ReplayFilter } from "./replay.ts";

/** The file name of a stream's records. */
export function recordFile(stream: string): string {
  return `${stream}.jsonl`;
}

interface OpenFile {
  file: Deno.FsFile;
  /** Bytes in the file. */
  length: number;
  /** Written to the temporary file, renamed over the stream's file when complete. */
  refresh: boolean;
  /** Bytes written since the last {@linkcode RecordFiles.flush}. */
  dirty: boolean;
  /** Lines already in the file that a resumed read may give again. */
  replay: ReplayFilter | undefined;
}

/** The open record files of one sync. */
export class RecordFiles {
  #dir: string;
  #open = new Map<string, OpenFile>();
  #masked: string[];
  #encoder = new TextEncoder();

  /** `secrets` never reach a file: they are masked as in the protocol output. */
  constructor(dir: string, secrets: readonly string[]) {
    this.#dir = dir;
    this.#masked = maskedForms(secrets);
  }

  /** Removes the temporary files a killed run left. */
  async removeLeftovers(): Promise<void> {
    for await (const entry of Deno.readDir(`${this.#dir}/${INTERNAL_DIR}`)) {
      if (entry.isFile && entry.name.endsWith(".jsonl.tmp")) {
        await Deno.remove(internalPath(this.#dir, entry.name));
      }
    }
  }

  /**
   * Opens an incremental stream's file for appending, first cutting it back to
   * `covered` bytes (what its committed state covers) when it is longer. The
   * lines from byte `settled` on (since the stream last completed) are not
   * written again if the read gives them again (see {@linkcode ReplayFilter}).
   * Resolves to the file's length.
   */
  async openAppend(
    stream: string,
    covered: number | undefined,
    settled: number | undefined,
  ): Promise<number> {
    const path = `${this.#dir}/${recordFile(stream)}`;
    const file = await Deno.open(path, { append: true, create: true });
    let length = (await file.stat()).size;
    if (covered !== undefined && length > covered) {
      await file.truncate(covered);
      await file.sync();
      length = covered;
    }
    const replay = settled === undefined || settled >= length
      ? undefined
      : await ReplayFilter.read(path, settled, length);
    this.#open.set(stream, { file, length, refresh: false, dirty: false, replay });
    return length;
  }

  /** Opens a full-refresh stream's temporary file, empty. */
  async openRefresh(stream: string): Promise<void> {
    const path = internalPath(this.#dir, `${recordFile(stream)}.tmp`);
    const file = await Deno.open(path, { write: true, create: true, truncate: true });
    this.#open.set(stream, { file, length: 0, refresh: true, dirty: false, replay: undefined });
  }

  /**
   * Appends records (their data, one JSON line each); resolves to how many
   * were written (a line the file holds already from a killed run is not).
   */
  async append(stream: string, records: readonly JsonObject[]): Promise<number> {
    const open = this.#get(stream);
    let text = "";
    let written = 0;
    for (const data of records) {
      const line = maskForms(JSON.stringify(data), this.#masked);
      if (open.replay?.take(line)) continue;
      text += line + "\n";
      written++;
    }
    const bytes = this.#encoder.encode(text);
    await writeAll(open.file, bytes);
    open.length += bytes.length;
    open.dirty ||= bytes.length > 0;
    return written;
  }

  /** Bytes in a stream's file. */
  length(stream: string): number {
    return this.#get(stream).length;
  }

  /** Flushes a stream's file to disk. */
  async flush(stream: string): Promise<void> {
    const open = this.#get(stream);
    if (!open.dirty) return;
    await open.file.syncData();
    open.dirty = false;
  }

  /** Cuts an incremental stream's file back to `length` bytes (records its state does not cover). */
  async truncate(stream: string, length: number): Promise<void> {
    const open = this.#get(stream);
    if (open.length <= length) return;
    await open.file.truncate(length);
    await open.file.sync();
    open.length = length;
  }

  /** Puts a complete full refresh in place of the stream's file. */
  async swapIn(stream: string): Promise<void> {
    const open = this.#get(stream);
    await open.file.sync();
    this.#close(stream);
    const temp = internalPath(this.#dir, `${recordFile(stream)}.tmp`);
    await Deno.rename(temp, `${this.#dir}/${recordFile(stream)}`);
    await syncFolder(this.#dir);
  }

  /** Drops an incomplete full refresh: the stream's file keeps the previous one. */
  async discard(stream: string): Promise<void> {
    if (!this.#open.get(stream)?.refresh) return;
    this.#close(stream);
    await Deno.remove(internalPath(this.#dir, `${recordFile(stream)}.tmp`)).catch(() => {});
  }

  /** Whether a stream's file is open (a full refresh swapped in or discarded is not). */
  isOpen(stream: string): boolean {
    return this.#open.has(stream);
  }

  /** Closes every file; full refreshes still open are discarded. */
  async close(): Promise<void> {
    for (const [stream, open] of [...this.#open]) {
      if (open.refresh) await this.discard(stream);
      else this.#close(stream);
    }
  }

  #get(stream: string): OpenFile {
    const open = this.#open.get(stream);
    if (!open) throw new Error(`No open file for stream "${stream}"`);
    return open;
  }

  #close(stream: string): void {
    this.#open.get(stream)?.file.close();
    this.#open.delete(stream);
  }
}
