/**
 * One list read as a WHATWG pipeline: the paginated fetch source, then
 * normalisation, then validation. What consumes the pages is up to the caller.
 *
 * @module
 */
import type { HttpClient } from "./http_client.ts";
import { type NormalizePlan, NormalizeStream } from "./normalize.ts";
import { type Page, type PageStep, paginate, twilioPageStep } from "./paginate.ts";
import type { PageGate } from "./_async.ts";
import type { Router } from "./routing.ts";
import { ValidateStream } from "./validate.ts";
import type { JsonObject } from "../protocol/messages.ts";
import { fillPath, type StreamDefinition } from "../streams/_define.ts";

/** Options of {@linkcode listPages}. */
export interface ListPagesOptions {
  client: HttpClient;
  router: Router;
  def: StreamDefinition;
  /** Path parameters of the list. */
  params: Record<string, string>;
  /** Query parameters beyond the definition's own (date filters, a variant). */
  query: [string, string][];
  plan: NormalizePlan;
  strict: boolean;
  onInvalid: (reason: string) => void;
  signal: AbortSignal;
  /** Bounds the pages in memory: each page is held from its fetch until the consumer leaves it. */
  gate?: PageGate;
}

/** The pages of one list request, normalised and validated, pulled one at a time. */
export function listPages(options: ListPagesOptions): ReadableStream<JsonObject[]> {
  const { client, router, def, params, plan, signal } = options;
  const query = new URLSearchParams(def.query);
  for (const [k, v] of options.query) query.append(k, v);
  query.set("PageSize", String(def.pageSize));
  const url = router.url(def.product, fillPath(def.path, params), query);
  const fetchPage = twilioPageStep({
    client,
    router,
    product: def.product,
    recordKey: def.recordKey,
    tag: def.name,
    signal,
  });
  const gate = options.gate;
  const step: PageStep = !gate ? fetchPage : async (next) => {
    await gate.enter(signal);
    let page: Page;
    try {
      page = await fetchPage(next);
    } catch (error) {
      gate.drop();
      throw error;
    }
    // An empty page is not passed on, so nobody else would leave its slot.
    if (page.records.length === 0) gate.drop();
    else if (page.size !== undefined) gate.settle(page.size);
    return page;
  };
  return paginate(url, step)
    .pipeThrough(new NormalizeStream(plan))
    .pipeThrough(
      new ValidateStream({
        schema: def.schema,
        stream: def.name,
        strict: options.strict,
        onInvalid: (_, reason) => options.onInvalid(reason),
      }),
    );
}
