/**
 * The paginated fetch source. Pagination is a step function, `(url) =>
 * Promise<{ records, next }>`; the loop lives here, in a ReadableStream that
 * fetches one page per pull, so backpressure from the consumer reaches the
 * HTTP layer.
 *
 * @module
 */
import { SourceError } from "./errors.ts";
import type { HttpClient } from "./http_client.ts";
import type { Product, Router } from "./routing.ts";
import type { JsonObject } from "../protocol/messages.ts";

/** One page of a Twilio list: its records and the URL of the next page, if any. */
export interface Page {
  records: JsonObject[];
  next: URL | null;
  /** Length of the body, when known: what the page weighs in memory, roughly. */
  size?: number;
}

/** Fetches the page at `url`. */
export type PageStep = (url: URL) => Promise<Page>;

/**
 * Whether {@linkcode paginate} passes a page on. An empty page (Twilio sends
 * them, with a next link, at the end of some lists) is skipped.
 */
export function passedOn(page: Page): boolean {
  return page.records.length > 0;
}

/** A stream of pages (arrays of records), starting at `first`, pulled one page at a time. */
export function paginate(first: URL, step: PageStep): ReadableStream<JsonObject[]> {
  let next: URL | null = first;
  const seen = new Set<string>();
  return new ReadableStream<JsonObject[]>({
    async pull(controller) {
      while (true) {
        if (next === null) return controller.close();
        if (seen.has(next.href)) {
          throw new SourceError(
            `Twilio repeated a page link, stopping to avoid a loop: ${next.pathname}`,
            "system_error",
          );
        }
        seen.add(next.href);
        if (seen.size > 64) seen.delete(seen.values().next().value as string);
        const page: Page = await step(next);
        next = page.next;
        if (passedOn(page)) return controller.enqueue(page.records);
        // Skipped, not enqueued: pull again.
      }
    },
  }, { highWaterMark: 0 });
}

/** Options of {@linkcode twilioPageStep}. */
export interface TwilioPageStepOptions {
  client: HttpClient;
  router: Router;
  product: Product;
  /**
   * Key of the record array in the body (`messages`, `media_list`, ...).
   * Absent: the body is one resource, the page's single record, with no next page.
   */
  recordKey?: string | undefined;
  /** Label for events and errors (the stream name). */
  tag: string;
  signal?: AbortSignal | undefined;
  /** The account whose data the list holds, and whose credentials sign it (see `RequestOptions`). */
  account?: { sid?: string | undefined; authenticateAs?: string | undefined } | undefined;
}

/**
 * The step function for Twilio lists: reads the record array and follows
 * either paging style (2010's relative `next_page_uri`, or `meta.next_page_url`).
 * Without a `recordKey` it reads one resource: the body is the only record.
 */
export function twilioPageStep(options: TwilioPageStepOptions): PageStep {
  const { client, router, product, recordKey, tag, signal, account } = options;
  return async (url) => {
    let size = 0;
    const body = await client.getJson(url, {
      signal,
      tag,
      onBody: (length) => size = length,
      account: account?.sid,
      authenticateAs: account?.authenticateAs,
    });
    if (typeof body !== "object" || body === null) {
      throw new SourceError(
        `Twilio sent a response without an object for ${url.pathname}`,
        "system_error",
        { stream: tag },
      );
    }
    const page = body as Record<string, unknown>;
    if (recordKey === undefined) return { records: [page as JsonObject], next: null, size };
    const records = page[recordKey];
    if (!Array.isArray(records)) {
      throw new SourceError(
        `Twilio's response for ${url.pathname} has no "${recordKey}" array`,
        "system_error",
        { stream: tag },
      );
    }
    const link = nextLink(page);
    return {
      records: records as JsonObject[],
      next: link ? router.follow(product, link, url) : null,
      size,
    };
  };
}

function nextLink(page: Record<string, unknown>): string | null {
  const meta = page.meta;
  if (typeof meta === "object" && meta !== null) {
    const url = (meta as Record<string, unknown>).next_page_url;
    if (typeof url === "string" && url !== "") return url;
  }
  const uri = page.next_page_uri;
  return typeof uri === "string" && uri !== "" ? uri : null;
}
