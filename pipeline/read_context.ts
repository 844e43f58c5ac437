/**
 * What every node of one read shares: the HTTP client and router, the output,
 * the sync's clock and window settings.
 *
 * @module
 */
import type { AccountProgress } from "./account_progress.ts";
import type { AccountSet } from "./accounts.ts";
import type { HttpClient } from "./http_client.ts";
import type { Output } from "./output.ts";
import type { Router } from "./routing.ts";
import type { PagePool } from "./_async.ts";

/** Shared by the nodes of one read. */
export interface ReadContext {
  client: HttpClient;
  router: Router;
  output: Output;
  /** The end of every incremental window: the time the sync started. */
  now: number;
  /** `start_date`, epoch ms. */
  startDate: number;
  /** `lookback_window`, in ms. */
  lookbackMs: number;
  /** `slice_step`, when the user set one. */
  sliceStep: string | undefined;
  /** Fail streams on invalid records. */
  strict: boolean;
  /** Bounds of the re-read list of unsettled records. */
  refresh: { maxRecords: number; maxAgeMs: number };
  /** Tasks per node and the limiter's ceiling. */
  maxConcurrency: number;
  /** The page pool of streams at a depth of the parent/child forest. */
  pagePool: (depth: number) => PagePool;
  /** The sync's accounts: the main one until the Accounts list is read, before any node runs. */
  accounts: AccountSet;
  /** Accounts done of total. */
  progress: AccountProgress;
}
