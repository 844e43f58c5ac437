/**
 * Reading one date window of a server-side filtered list, with the two ways
 * Twilio refuses a window handled: outside its retention (skipped, logged),
 * and past a per-query result cap (the window is halved and read again).
 *
 * @module
 */
import { HttpError, SourceError } from "./errors.ts";
import { type DateFilter, type Slice, sliceQuery } from "./slices.ts";

/** Options of {@linkcode readWindow}. */
export interface WindowOptions {
  stream: string;
  filter: DateFilter;
  /** Twilio's result cap per query, when the endpoint has one. */
  cap?: number | undefined;
  /** Reads the list for the given filter parameters. */
  read: (query: [string, string][]) => Promise<void>;
  log: (level: "INFO" | "WARN", message: string) => void;
}

const MAX_SPLITS = 10;

/** Reads `slice`; splits it on the result cap, skips it when outside retention. */
export async function readWindow(slice: Slice, options: WindowOptions): Promise<void> {
  const { stream, filter, cap, read, log } = options;
  const todo = [slice];
  for (let splits = 0; todo.length > 0;) {
    const part = todo.shift()!;
    try {
      await read(sliceQuery(filter, part));
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 400) throw error;
      if (/retention/i.test(error.message)) {
        log("WARN", `Skipped a "${stream}" window outside Twilio's retention: ${error.message}`);
        continue;
      }
      if (!cap || !/10,?000|limited to/i.test(error.message)) throw error;
      const seconds = Math.round((part.end - part.start) / 1000);
      if (++splits > MAX_SPLITS || seconds < 2) {
        throw new SourceError(
          `Cannot read "${stream}": more than ${cap} results even in a window of ${seconds} s; ` +
            "set a shorter slice_step or deselect the stream",
          "transient_error",
          { stream, cause: error },
        );
      }
      const mid = part.start + Math.floor((part.end - part.start) / 2000) * 1000;
      log("INFO", `Split a "${stream}" window of ${seconds} s at Twilio's ${cap}-result cap`);
      todo.unshift({ start: part.start, end: mid }, { start: mid + 1000, end: part.end });
    }
  }
}
