/**
 * The shape of a stream definition and the small helpers the registry is
 * written with. A definition is plain data plus named optional hooks; one
 * generic engine (`pipeline/read.ts`) turns any of them into a pipeline.
 *
 * @module
 */
import type { z } from "zod";
import type { JsonObject } from "../protocol/messages.ts";

/**
 * Twilio products this connector reads, named by the first label of their host.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Product } from "../mod.ts";
 * import { Router } from "../pipeline/routing.ts";
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

/**
 * How a filter wants its dates written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { DateFormat } from "../mod.ts";
 * import { formatDate } from "../pipeline/slices.ts";
 * const at = Date.parse("2024-05-01T12:30:00Z");
 * const formats: DateFormat[] = ["date", "datetime", "iso"];
 * assert.deepEqual(formats.map((format) => formatDate(at, format)), [
 *   "2024-05-01",
 *   "2024-05-01 12:30:00Z",
 *   "2024-05-01T12:30:00Z",
 * ]);
 * ```
 */
export type DateFormat = "date" | "datetime" | "iso";

/**
 * A stream's server-side date filter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { DateFilter } from "../mod.ts";
 * import { sliceQuery } from "../pipeline/slices.ts";
 * const filter: DateFilter = { lower: "DateSent>", upper: "DateSent<", format: "date" };
 * const start = Date.parse("2024-05-01T00:00:00Z");
 * assert.deepEqual(sliceQuery(filter, { start, end: start + 86_399_999 }), [
 *   ["DateSent>", "2024-05-01"],
 *   ["DateSent<", "2024-05-01"],
 * ]);
 * ```
 */
export interface DateFilter {
  /** Parameter of the lower bound, e.g. `DateSent>` (on or after). */
  lower: string;
  /** Parameter of the upper bound, e.g. `DateSent<` (on or before). */
  upper: string;
  /** `date`: YYYY-MM-DD; `datetime`: `YYYY-MM-DD HH:MM:SSZ`; `iso`: `YYYY-MM-DDTHH:MM:SSZ`. */
  format: DateFormat;
  /** The upper bound excludes its value (Studio's `DateCreatedTo`). */
  upperExclusive?: boolean;
  /**
   * The list is sorted newest first by the filtered field, so the first pages of a
   * window hold every record newer than the oldest one they reached. Unset: no order
   * is relied on.
   */
  newestFirst?: boolean;
}

/**
 * The zod schema of a stream's records (any `z.object`). A named alias, so
 * that the public API can document it without re-exporting zod's internals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import type { RecordSchema } from "../mod.ts";
 * const schema: RecordSchema = z.object({ sid: z.string() }).loose();
 * assert.deepEqual(schema.parse({ sid: "SM1", added_later: 1 }), { sid: "SM1", added_later: 1 });
 * assert.equal(schema.safeParse({ sid: 1 }).success, false);
 * ```
 */
export type RecordSchema = z.ZodObject;

/**
 * How a child stream hangs off its parent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ParentLink, REGISTRY } from "../mod.ts";
 * const byFlow: ParentLink = {
 *   stream: "flows",
 *   params: (flow) => ({ FlowSid: String(flow.sid) }),
 * };
 * const executions = REGISTRY.get("executions")?.parent;
 * assert.equal(executions?.stream, byFlow.stream);
 * assert.deepEqual(executions?.params({ sid: "FW1" }), byFlow.params({ sid: "FW1" }));
 * ```
 */
export interface ParentLink {
  /** The parent's stream name. */
  stream: string;
  /** Path parameters for the child's list, read off a parent record; `undefined` skips it. */
  params: (parent: JsonObject) => Record<string, string> | undefined;
  /** State partition of the child for this parent record (default: the params). */
  partition?: (parent: JsonObject) => Record<string, string>;
}

/**
 * Incremental reading of a stream.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type IncrementalSpec, REGISTRY } from "../mod.ts";
 * const incremental: IncrementalSpec = {
 *   cursorField: "date_sent",
 *   filter: { lower: "DateSent>", upper: "DateSent<", format: "datetime", newestFirst: true },
 *   step: "P1D",
 *   retentionDays: 400,
 * };
 * assert.deepEqual(REGISTRY.get("messages")?.incremental, incremental);
 * ```
 */
export interface IncrementalSpec {
  /** The record field the cursor follows (what `discover` declares). */
  cursorField: string;
  /**
   * The server-side date filter. Absent: the full list is read and records
   * older than the cursor are filtered out client side.
   */
  filter?: DateFilter;
  /**
   * The slice length of the fixed-step versions, ISO 8601 duration: kept as a record of the
   * stream's density. Windows are now sized by the data; config `slice_step` bounds them.
   */
  step?: string;
  /** Twilio refuses windows that start more than this many days ago. */
  retentionDays?: number;
  /** Twilio answers 400 past this many results of one query; the window is split. */
  maxResultsPerQuery?: number;
}

/**
 * Re-reading records whose status was not final when last read (messages, calls).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { REGISTRY, type RefreshSpec } from "../mod.ts";
 * const refresh: RefreshSpec = {
 *   path: "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
 *   settled: (call) => call.status === "busy",
 * };
 * const calls = REGISTRY.get("calls")?.refresh;
 * assert.equal(calls?.path, refresh.path);
 * assert.equal(calls?.settled({ status: "busy" }), refresh.settled({ status: "busy" }));
 * assert.equal(calls?.settled({ status: "in-progress" }), false);
 * ```
 */
export interface RefreshSpec {
  /** Path of one record, with `{AccountSid}` and `{Sid}`. */
  path: string;
  /** Whether a record will not change any more (final status, price known). */
  settled: (record: JsonObject) => boolean;
}

/**
 * One stream of the registry.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { REGISTRY, type StreamDefinition } from "../mod.ts";
 * const flows: StreamDefinition = {
 *   name: "flows",
 *   product: "studio",
 *   path: "/v2/Flows",
 *   recordKey: "flows",
 *   schema: z.object({ sid: z.string().nullish() }).loose(),
 *   primaryKey: [["sid"]],
 *   pageSize: 1000,
 * };
 * assert.equal(REGISTRY.get(flows.name)?.path, flows.path);
 * ```
 */
export interface StreamDefinition {
  /** The catalog name, exactly. */
  readonly name: string;
  /** Twilio product (first label of the host). */
  readonly product: Product;
  /** Path template; `{Name}` placeholders are filled from the parent link's params. */
  readonly path: string;
  /**
   * Key of the record array in a list response. Absent: the path names one
   * resource (a pricing country), and its response body is the stream's single
   * record for the partition, with no paging.
   */
  readonly recordKey?: string;
  /** The record schema: validation and the catalog's `json_schema`. */
  readonly schema: RecordSchema;
  /** Primary key paths; empty when records have no stable key. */
  readonly primaryKey: readonly (readonly string[])[];
  /** The largest `PageSize` the endpoint accepts (1 for a single resource). */
  readonly pageSize: number;
  /** The parent this stream is read under. */
  readonly parent?: ParentLink;
  /** Present when the stream supports incremental sync. */
  readonly incremental?: IncrementalSpec;
  /** Extra query parameters of every list request. */
  readonly query?: Readonly<Record<string, string>>;
  /** One list request per entry, merged (conference `Status` values). */
  readonly variants?: readonly Readonly<Record<string, string>>[];
  /** Parent records whose children are skipped (e.g. messages without media). */
  readonly skipParent?: (parent: JsonObject) => boolean;
  /** Fields masked in every record (secrets Twilio returns). */
  readonly redact?: readonly string[];
  /** Volatile fields removed from every record. */
  readonly drop?: readonly string[];
  /** The earliest date worth asking for, read off the parent (usage before the account existed). */
  readonly notBefore?: (parent: JsonObject) => unknown;
  /** Re-fetch records whose status was not final. */
  readonly refresh?: RefreshSpec;
  /** Why the stream has no incremental mode, for `discover` users and the README. */
  readonly note?: string;
  /**
   * Whose data a root stream on a product host (not `api`) lists. `account`
   * (the default): the authenticating account's only, so it is read once per
   * account, each time with that account's own credentials, its records
   * partitioned by `account_sid`. `global`: the same data for every account
   * (pricing), read once.
   */
  readonly scope?: "account" | "global";
  /**
   * Read only as the parent of other streams (the pricing country lists): not in
   * the catalog, never selectable, never emitted.
   */
  readonly internal?: boolean;
}

/** Largest page sizes, per the OpenAPI specs. */
export const PAGE = { max: 1000, conversations: 100, users: 50 } as const;

/**
 * `{AccountSid}` for children of `accounts`, partitioned by account. Closed
 * subaccounts are skipped: Twilio keeps listing them for a while but no
 * longer serves their resources.
 */
export const BY_ACCOUNT: ParentLink = {
  stream: "accounts",
  params: (account) =>
    account.status === "closed" ? undefined : { AccountSid: String(account.sid) },
  partition: (account) => ({ account_sid: String(account.sid) }),
};

/** The path of a 2010-API resource list under an account. */
export function accountPath(resource: string): string {
  return `/2010-04-01/Accounts/{AccountSid}/${resource}.json`;
}

/** Fills `{Name}` placeholders of a path template. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

/** Defines a stream; exists so that a typo in a definition fails `deno check`. */
export function defineStream(definition: StreamDefinition): StreamDefinition {
  return definition;
}

/** Reads `{Name}` parameters back out of a path that follows `template`; undefined if it does not. */
export function matchPath(
  template: string,
  path: string | undefined,
): Record<string, string> | undefined {
  if (path === undefined) return undefined;
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}/g, (
    _,
    name: string,
  ) => {
    names.push(name);
    return "([^/?]+)";
  });
  const match = new RegExp(`^${pattern}(?:\\?|$)`).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}
