/**
 * The records a resumed sync reads a second time. A STATE's cursor is the
 * low-water mark of the slices completed in order, so when it is committed
 * the file already holds records of slices that ran ahead of it; a run killed
 * then resumes from that cursor and reads them again. The lines written since
 * the stream last completed (at most {@linkcode REPLAY_BYTES} of the file's
 * end) are remembered by a 64-bit digest; a line read again as it is (the
 * same record, unchanged) is not written twice. A record Twilio changed in
 * between is a new line, and is written.
 *
 * @module
 */

/** The most bytes at the end of a file that are remembered (about 30,000 messages). */
export const REPLAY_BYTES = 32 * 2 ** 20;

/** Remembered lines, by digest, with how many times each is in the file. */
export class ReplayFilter {
  #lines = new Map<string, number>();

  /** Remembers the lines of `path` in the byte range `[from, to)` (a partial first line is skipped). */
  static async read(path: string, from: number, to: number): Promise<ReplayFilter> {
    const filter = new ReplayFilter();
    const start = Math.max(0, from, to - REPLAY_BYTES);
    if (to <= start) return filter;
    using file = await Deno.open(path, { read: true });
    // One byte before the range tells whether it starts at the beginning of a line.
    const skipFirst = start > 0;
    await file.seek(skipFirst ? start - 1 : start, Deno.SeekMode.Start);
    const decoder = new TextDecoder();
    const chunk = new Uint8Array(1 << 16);
    let left = to - start + (skipFirst ? 1 : 0);
    let text = "";
    let first = true;
    while (left > 0) {
      const n = await file.read(chunk.subarray(0, Math.min(chunk.length, left)));
      if (n === null) break;
      left -= n;
      text += decoder.decode(chunk.subarray(0, n), { stream: left > 0 });
      const lines = text.split("\n");
      text = lines.pop()!;
      for (const line of lines) {
        if (first && skipFirst) {
          first = false;
          continue;
        }
        first = false;
        if (line !== "") filter.#add(digest(line));
      }
    }
    return filter;
  }

  /** How many lines are remembered. */
  get size(): number {
    return this.#lines.size;
  }

  /** True when `line` (no newline) is in the file already: it is then forgotten once. */
  take(line: string): boolean {
    if (this.#lines.size === 0) return false;
    const key = digest(line);
    const count = this.#lines.get(key);
    if (count === undefined) return false;
    if (count > 1) this.#lines.set(key, count - 1);
    else this.#lines.delete(key);
    return true;
  }

  #add(key: string): void {
    this.#lines.set(key, (this.#lines.get(key) ?? 0) + 1);
  }
}

/** Two 32-bit FNV-1a hashes (different offsets) and the length: the key of a line. */
function digest(line: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${line.length}`;
}
