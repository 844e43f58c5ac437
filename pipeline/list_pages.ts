/**
 * One list read as a WHATWG pipeline: the paginated fetch source, then
 * normalisation, then validation. What consumes the pages is up to the caller.
 *
 * @module
 */
import type { HttpClient } from "./http_client.ts";
import { type NormalizePlan, NormalizeStream } from "./normalize.ts";
import {
  type Page,
  type PageStep,
  paginate,
  passedOn,
  twilioPageStep,
  type TwilioPageStepOptions,
} from "./paginate.ts";
import { PageGate, type PagePool, type PageSizeGuess } from "./_async.ts";
import type { Router } from "./routing.ts";
import { ValidateStream } from "./validate.ts";
import type { JsonObject } from "../protocol/messages.ts";
import { fillPath, type StreamDefinition } from "../streams/_define.ts";

/** Options of {@linkcode listPages}. */
export interface ListPagesOptions extends CheckedPagesOptions {
  client: HttpClient;
  router: Router;
  /** Path parameters of the list. */
  params: Record<string, string>;
  /** Query parameters beyond the definition's own (date filters, a variant). */
  query: [string, string][];
  signal: AbortSignal;
  /** Bounds the pages in memory: each page is held from its fetch until the consumer leaves it. */
  gate: PageGate;
  /** Whose data the list holds, and whose credentials sign its requests. */
  account?: TwilioPageStepOptions["account"];
  /**
   * Told of each page passed on as soon as it is fetched (records as Twilio sent
   * them, and whether it linked a next page); `false` follows no further link.
   */
  steer?: (records: JsonObject[], more: boolean) => boolean;
}

/** The pages of one list request, normalised and validated, pulled one at a time. */
function listPages(options: ListPagesOptions): ReadableStream<JsonObject[]> {
  const { client, router, def, params, signal } = options;
  const query = new URLSearchParams(def.query);
  for (const [k, v] of options.query) query.append(k, v);
  // A single resource (no record array) takes no paging parameters.
  if (def.recordKey !== undefined) query.set("PageSize", String(def.pageSize));
  const url = router.url(def.product, fillPath(def.path, params), query);
  const fetchPage = twilioPageStep({
    client,
    router,
    product: def.product,
    recordKey: def.recordKey,
    tag: def.name,
    signal,
    account: options.account,
  });
  const gate = options.gate;
  const step: PageStep = async (next) => {
    await gate.enter(signal);
    let page: Page;
    try {
      page = await fetchPage(next);
    } catch (error) {
      gate.drop();
      throw error;
    }
    // A page paginate does not pass on reaches no consumer to leave its slot.
    if (!passedOn(page)) gate.drop();
    else {
      if (page.size !== undefined) gate.settle(page.size);
      // Decided before the next page is fetched ahead: a list stopped here costs no request more.
      const more = page.next !== null;
      if (options.steer && !options.steer(page.records, more) && more) {
        page = { ...page, next: null };
      }
    }
    return page;
  };
  return checkedPages(paginate(url, step), options);
}

/** What the record stages need: the stream, its normalisation plan and validation policy. */
export interface CheckedPagesOptions {
  def: StreamDefinition;
  plan: NormalizePlan;
  strict: boolean;
  onInvalid: (reason: string) => void;
}

/** The stages every page of records goes through: normalisation, then validation. */
export function checkedPages(
  pages: ReadableStream<JsonObject[]>,
  options: CheckedPagesOptions,
): ReadableStream<JsonObject[]> {
  const { def, plan, strict, onInvalid } = options;
  return pages
    .pipeThrough(new NormalizeStream(plan))
    .pipeThrough(
      new ValidateStream({
        schema: def.schema,
        stream: def.name,
        strict,
        onInvalid: (_, reason) => onInvalid(reason),
      }),
    );
}

/** Options of {@linkcode forEachPage}: one list, minus the gate it makes itself. */
export interface ForEachPageOptions extends Omit<ListPagesOptions, "gate"> {
  /** The pool the list's pages are held in, and the size its next page is guessed at. */
  pool: PagePool;
  guess: PageSizeGuess;
}

/**
 * Reads one list and hands each page to `handle`, one at a time. A page stays
 * in the pool until its handler is done; the reader lets go of it before it
 * waits for the next one.
 */
export async function forEachPage(
  options: ForEachPageOptions,
  handle: (page: JsonObject[]) => Promise<void>,
): Promise<void> {
  const { pool, guess, ...rest } = options;
  const gate = new PageGate(pool, guess);
  const reader = listPages({ ...rest, gate }).getReader();
  try {
    for (;;) {
      let page = await nextPage(reader);
      if (page === undefined) break;
      try {
        await handle(page);
      } finally {
        gate.leave();
      }
      // Dropped before the next page is awaited: a suspended async function keeps its
      // variables, so every reader waiting on Twilio would hold a page outside the pool.
      page = undefined;
    }
  } catch (error) {
    await reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
    gate.leaveAll();
  }
}

/** The next page of a reader, or undefined at the end (no result object kept by the caller). */
async function nextPage(
  reader: ReadableStreamDefaultReader<JsonObject[]>,
): Promise<JsonObject[] | undefined> {
  return (await reader.read()).value;
}
