/**
 * A sync of every stream over a large account tree: the CLI reads a simulator
 * (in its own process) of 1,000 subaccounts, and one of 10 subaccounts with
 * the same small per-account counts, polling the CLI's VmHWM. Memory must not
 * grow with the number of accounts (issue #13: peak RSS within 20 %).
 *
 * The simulator counts the requests and how many accounts the product hosts
 * (Conversations, Studio, Monitor, Trunking, Verify) were asked about, so the
 * figures say whether the connector read every account's product streams or
 * the main account's only.
 *
 * @module
 */
import { ALL_STREAMS } from "./_latency.ts";
import { type CliFigures, measureCli } from "./_memory.ts";

/** Per-account collection sizes of both trees (simulator CLI flags). */
export const SMALL_COUNTS: Readonly<Record<string, number>> = {
  messages: 3,
  calls: 3,
  alerts: 3,
  conferences: 2,
  recordings: 2,
  transcriptions: 1,
  addresses: 1,
  applications: 1,
  "incoming-phone-numbers": 1,
  keys: 1,
  "outgoing-caller-ids": 1,
  queues: 1,
  "usage-triggers": 1,
  "usage-categories": 1,
  "available-phone-numbers": 1,
  conversations: 2,
  users: 2,
  services: 1,
  flows: 1,
  trunks: 1,
  "verify-services": 1,
};

/** Date slices of 30 days: a 90-day sync of one account is then a few requests per stream. */
export const SLICE_STEP = "P30D";

/** One tree's read. */
export interface TreeFigures extends CliFigures {
  subaccounts: number;
}

/** Reads every stream of a tree of `subaccounts` subaccounts with {@linkcode SMALL_COUNTS}. */
export async function measureTree(subaccounts: number): Promise<TreeFigures> {
  const run = await measureCli({
    flags: { seed: 13, subaccounts, ...SMALL_COUNTS },
    streams: ALL_STREAMS,
    countRecords: true,
    config: { slice_step: SLICE_STEP },
  });
  return { subaccounts, ...run };
}
