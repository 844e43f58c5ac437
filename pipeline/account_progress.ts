/**
 * How many of a sync's accounts are done. Each account starts with the
 * partitions read for it directly (one per stream under `accounts`, one per
 * product stream that reaches it); partitions found under those (a
 * conversation's messages, a message's media) are counted in before the
 * partition they were found in is counted out, so an account is done once
 * the last of them is.
 *
 * @module
 */

/**
 * Counts partitions per account.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AccountProgress } from "./account_progress.ts";
 * const seen: string[] = [];
 * const progress = new AccountProgress((done, total) => seen.push(`${done}/${total}`));
 * progress.start(["AC1", "AC2"], () => 1);
 * progress.enter("AC1"); // a child partition found while AC1's partition is read
 * progress.leave("AC1");
 * progress.leave("AC2");
 * progress.leave("AC1");
 * assert.deepEqual(seen, ["0/2", "1/2", "2/2"]);
 * ```
 */
export class AccountProgress {
  #open = new Map<string, number>();
  #done = 0;
  #total = 0;
  #onChange: ((done: number, total: number) => void) | undefined;

  constructor(onChange?: (done: number, total: number) => void) {
    this.#onChange = onChange;
  }

  /** Accounts done so far. */
  get done(): number {
    return this.#done;
  }

  /** Accounts of the sync. */
  get total(): number {
    return this.#total;
  }

  /** Starts counting `accounts`, each with `units(sid)` partitions to read. */
  start(accounts: readonly string[], units: (sid: string) => number): void {
    this.#total = accounts.length;
    for (const sid of accounts) {
      const n = units(sid);
      if (n > 0) this.#open.set(sid, n);
      else this.#done++;
    }
    this.#onChange?.(this.#done, this.#total);
  }

  /** One more partition of `sid` to read. */
  enter(sid: string | undefined): void {
    if (sid === undefined) return;
    const open = this.#open.get(sid);
    if (open !== undefined) this.#open.set(sid, open + 1);
  }

  /** One partition of `sid` read (or skipped). */
  leave(sid: string | undefined): void {
    if (sid === undefined) return;
    const open = this.#open.get(sid);
    if (open === undefined) return;
    if (open > 1) return void this.#open.set(sid, open - 1);
    this.#open.delete(sid);
    this.#done++;
    this.#onChange?.(this.#done, this.#total);
  }
}
