import { deepEqual } from "node:assert/strict";
import { AccountProgress } from "../../pipeline/account_progress.ts";

Deno.test("AccountProgress counts an account done once its last partition, found ones included, is", () => {
  const seen: string[] = [];
  const progress = new AccountProgress((done, total) => seen.push(`${done}/${total}`));
  progress.start(["A", "B", "C"], (sid) => (sid === "C" ? 0 : 2));
  deepEqual(seen, ["1/3"], "an account with nothing to read is done at once");
  progress.leave("A");
  progress.enter("A"); // a child partition found in A's second partition
  progress.leave("A");
  deepEqual(seen, ["1/3"]);
  progress.leave("A");
  progress.leave("B");
  progress.leave("B");
  progress.leave("B"); // more than counted: ignored
  progress.enter("X"); // not an account of the sync
  deepEqual(seen, ["1/3", "2/3", "3/3"]);
});
