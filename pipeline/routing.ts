/**
 * Where a request for a Twilio product goes, and which next-page links may be
 * followed with credentials.
 *
 * @module
 */
import { SourceError } from "./errors.ts";

/**
 * Twilio products this connector reads, named by the first label of their host.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Product } from "../mod.ts";
 * import { Router } from "./routing.ts";
 * const product: Product = "conversations";
 * assert.equal(new Router().root(product), "https://conversations.twilio.com");
 * const local = new Router({ baseUrl: "http://127.0.0.1:4242" });
 * assert.equal(local.root(product), "http://127.0.0.1:4242/conversations");
 * ```
 */
export type Product =
  | "api"
  | "conversations"
  | "studio"
  | "verify"
  | "trunking"
  | "monitor"
  | "pricing"
  | "insights";

/** Options of {@linkcode Router}. */
export interface RouterOptions {
  /** Send every request to `${baseUrl}/${product}${path}` (simulator, proxies). */
  baseUrl?: string | undefined;
  /** Twilio region, e.g. `ie1`. */
  region?: string | undefined;
  /** Twilio edge, e.g. `dublin`. */
  edge?: string | undefined;
}

/** Maps (product, path) to URLs and guards which URLs may receive credentials. */
export class Router {
  #base: URL | undefined;
  #region: string | undefined;
  #edge: string | undefined;

  constructor(options: RouterOptions = {}) {
    this.#base = options.baseUrl ? new URL(options.baseUrl.replace(/\/+$/, "")) : undefined;
    this.#region = options.region;
    this.#edge = options.edge;
  }

  /** The origin-and-prefix every request of `product` starts with. */
  root(product: Product): string {
    if (this.#base) {
      return `${this.#base.origin}${this.#base.pathname.replace(/\/$/, "")}/${product}`;
    }
    const region = this.#region ?? (this.#edge ? "us1" : undefined);
    const labels = [product, this.#edge, region].filter((l) => l !== undefined);
    return `https://${labels.join(".")}.twilio.com`;
  }

  /** The URL of `path` (which may carry a query string) on `product`. */
  url(product: Product, path: string, query?: URLSearchParams): URL {
    const url = new URL(this.root(product) + path);
    if (query) { for (const [k, v] of query) url.searchParams.append(k, v); }
    return url;
  }

  /**
   * Resolves a next-page link found in a response to `from`. A host-relative
   * link stays on the product's root; an absolute one is followed only when it
   * points at the origin and product prefix the request went to, so that
   * credentials never reach a host a response names.
   */
  follow(product: Product, link: string, from: URL): URL {
    if (link.startsWith("/")) return new URL(this.root(product) + link);
    let next: URL;
    try {
      next = new URL(link);
    } catch (cause) {
      throw new SourceError(`Twilio returned an unusable next-page link: ${link}`, "system_error", {
        cause,
      });
    }
    const root = new URL(this.root(product));
    const prefix = root.pathname.replace(/\/$/, "");
    if (next.origin !== from.origin || !next.pathname.startsWith(prefix + "/")) {
      throw new SourceError(
        `Refusing to follow a next-page link to ${next.origin}: it is not ${from.origin}` +
          (prefix ? `${prefix}/` : "") + ", and credentials are only sent there",
        "system_error",
      );
    }
    return next;
  }
}
