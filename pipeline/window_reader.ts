/**
 * Reading one date window of a server-side filtered list as a walk: page
 * after page until the list ends or a page says the rest is better read as
 * smaller windows (`window_plan.ts`), with the two ways Twilio refuses a
 * window handled: outside its retention (skipped, logged), and past a
 * per-query result cap (the window is read again as smaller windows).
 *
 * @module
 */
import { HttpError, SourceError } from "./errors.ts";
import { cursorMs } from "./own_records.ts";
import { type DateFilter, type Slice, sliceQuery } from "./slices.ts";
import { granule, judgePage, PAGES_PER_WINDOW, unitOf, type Walk } from "./window_plan.ts";
import type { JsonObject } from "../protocol/messages.ts";

/**
 * Steers one list read: `see` is told of each page as it is fetched and says
 * whether to follow its next link; `keep` gives, page after page in the same
 * order, the records of it to emit.
 */
export interface Steer {
  see(records: JsonObject[], more: boolean): boolean;
  keep(records: JsonObject[]): JsonObject[];
}

/** How a walk ended: the window read, or what of it is left to read as smaller windows. */
export type WalkOutcome =
  | { kind: "done" }
  /** Everything newer than granule `at` was emitted; [start, at] is left. */
  | { kind: "cut"; at: number; spanMs: number }
  /** The whole window is left, to be read as windows of about `spanMs` a page. */
  | { kind: "drop"; spanMs: number };

/** Options of {@linkcode walkWindow}. */
export interface WalkOptions {
  stream: string;
  filter: DateFilter;
  /** The record field the filter selects on. */
  field: string;
  pageSize: number;
  /** Twilio's result cap per query, when the endpoint has one. */
  cap?: number | undefined;
  /** Reads the list for the given query parameters, steered by `steer`. */
  read: (query: [string, string][], steer: Steer) => Promise<void>;
  log: (level: "INFO" | "WARN", message: string) => void;
}

/** Reads `window` of one list (`variant`: its extra query parameters) until a page says stop. */
export async function walkWindow(
  window: Slice,
  variant: [string, string][],
  options: WalkOptions,
): Promise<WalkOutcome> {
  const { stream, filter, field, cap, log } = options;
  const unit = unitOf(filter.format);
  const walk: Walk = { pages: 0, floor: Infinity };
  let outcome: WalkOutcome = { kind: "done" };
  // What `see` decided for each page `keep` has not had yet: all, none, or newer than a granule.
  const kept: number[] = [];
  const steer: Steer = {
    see(records, more) {
      walk.pages++;
      const dates = records.map((r) => cursorMs(r[field])).filter((d) => d !== undefined);
      const verdict = judgePage({
        window,
        unit,
        newestFirst: filter.newestFirst === true,
        dates,
        more,
        walk,
        maxPages: cap ? Math.floor(cap / options.pageSize) : Infinity,
      });
      if (verdict.kind === "take") {
        if (dates.length > 0) walk.floor = granule(Math.min(...dates), unit);
        kept.push(-Infinity);
        return true;
      }
      if (verdict.kind === "drop") {
        outcome = verdict;
        kept.push(Infinity);
        return false;
      }
      if (verdict.forced) log("INFO", `Split a "${stream}" window at Twilio's ${cap}-result cap`);
      outcome = { kind: "cut", at: verdict.at, spanMs: verdict.spanMs };
      kept.push(verdict.at);
      return false;
    },
    keep(records) {
      const after = kept.shift() ?? -Infinity;
      if (after === -Infinity) return records;
      if (after === Infinity) return [];
      return records.filter((r) => {
        const at = cursorMs(r[field]);
        return at === undefined || granule(at, unit) > after;
      });
    },
  };
  try {
    await options.read([...variant, ...sliceQuery(filter, window)], steer);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 400) throw error;
    if (/retention/i.test(error.message)) {
      log("WARN", `Skipped a "${stream}" window outside Twilio's retention: ${error.message}`);
      return { kind: "done" };
    }
    if (!cap || !/10,?000|limited to/i.test(error.message)) throw error;
    const seconds = Math.round((window.end - window.start) / 1000);
    if (granule(window.end, unit) <= window.start) {
      throw new SourceError(
        `Cannot read "${stream}": more than ${cap} results even in a window of ${seconds} s; ` +
          "deselect the stream",
        "transient_error",
        { stream, cause: error },
      );
    }
    log("INFO", `Split a "${stream}" window of ${seconds} s at Twilio's ${cap}-result cap`);
    return { kind: "drop", spanMs: (window.end - window.start) / (2 * PAGES_PER_WINDOW) };
  }
  return outcome;
}
