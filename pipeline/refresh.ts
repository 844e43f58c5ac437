/**
 * The re-read of unsettled records at the start of a sync: every entry of a
 * stream's pending list is fetched again by SID, normalised and validated as
 * listed records are, and the records that changed are emitted.
 *
 * @module
 */
import { forEachBounded } from "./_bounded.ts";
import type { Semaphore } from "./_async.ts";
import { HttpError } from "./errors.ts";
import { type NormalizePlan, normalizeRecord } from "./normalize.ts";
import type { NodeLog } from "./node_log.ts";
import { type PendingList, refetch } from "./pending.ts";
import type { ReadContext } from "./read_context.ts";
import { RecordValidator } from "./validate.ts";
import type { JsonObject } from "../protocol/messages.ts";
import { fillPath, type StreamDefinition } from "../streams/_define.ts";

/** Options of {@linkcode refreshPending}. */
export interface RefreshPendingOptions {
  ctx: ReadContext;
  def: StreamDefinition;
  pending: PendingList;
  plan: NormalizePlan;
  slots: Semaphore;
  log: NodeLog;
  signal: AbortSignal;
}

/** Fetches the unsettled records of the last sync again by SID; emits those that changed. */
export async function refreshPending(options: RefreshPendingOptions): Promise<void> {
  const { ctx: { client, router, output, strict, accounts }, def, pending, plan, log, signal } =
    options;
  // Records of accounts this sync does not read stay pending, untouched, for a sync that does.
  const read = (sid: string) => accounts.has(sid) && accounts.readsApi(sid);
  const count = pending.size;
  const validator = new RecordValidator({
    schema: def.schema,
    stream: def.name,
    strict,
    onInvalid: (_, reason) => log.invalidRecord(reason),
  });
  const changed = await refetch(pending, {
    forEach: (entries, task) =>
      forEachBounded(entries.filter((e) => read(e.account_sid)), options.slots, signal, task),
    fetchOne: async (entry) => {
      const path = fillPath(def.refresh!.path, { AccountSid: entry.account_sid, Sid: entry.sid });
      let body: unknown;
      try {
        body = await client.getJson(router.url(def.product, path), {
          signal,
          tag: def.name,
          account: entry.account_sid,
        });
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) return undefined;
        throw error;
      }
      const record = normalizeRecord(body as JsonObject, plan);
      validator.validate(record);
      return record;
    },
  });
  await output.records(def.name, changed);
  log.log(
    "INFO",
    `"${def.name}": fetched ${count} unsettled records again; ${changed.length} changed`,
  );
}
