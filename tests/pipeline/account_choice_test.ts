import { deepEqual, equal, throws } from "node:assert/strict";
import { chooseAccounts, fnv1a32, shardOf } from "../../pipeline/account_choice.ts";
import { ConfigError } from "../../pipeline/errors.ts";

const sid = (n: number) => "AC" + n.toString(16).padStart(32, "0");
const MAIN = sid(0);
const TREE = Array.from({ length: 50 }, (_, n) => ({ sid: sid(n), status: "active" }));
const base = { account_sid: MAIN, include_subaccounts: true };

Deno.test("fnv1a32() is FNV-1a 32-bit of the UTF-8 bytes (published test vectors)", () => {
  equal(fnv1a32(""), 0x811c9dc5);
  equal(fnv1a32("a"), 0xe40c292c);
  equal(fnv1a32("foobar"), 0xbf9cf968);
  equal(shardOf(sid(1), 1), 0);
});

Deno.test("chooseAccounts() shards partition the tree: union all, intersection none", () => {
  for (const count of [1, 2, 3, 8, 49, 50, 1000]) {
    const seen = new Map<string, number>();
    for (let index = 0; index < count; index++) {
      for (const a of chooseAccounts(TREE, { ...base, account_shard: { index, count } })) {
        seen.set(a.sid, (seen.get(a.sid) ?? 0) + 1);
      }
    }
    deepEqual([...seen.keys()].sort(), TREE.map((a) => a.sid).sort(), `${count}: no gap`);
    deepEqual([...new Set(seen.values())], [1], `${count}: no overlap`);
  }
});

Deno.test("chooseAccounts() applies the allow-list (either case of hex) and include_subaccounts", () => {
  const upper = "AC" + sid(7).slice(2).toUpperCase();
  deepEqual(chooseAccounts(TREE, { ...base, account_sids: [upper, MAIN] }).map((a) => a.sid), [
    MAIN,
    sid(7),
  ]);
  deepEqual(chooseAccounts(TREE, { ...base, include_subaccounts: false }).map((a) => a.sid), [
    MAIN,
  ]);
  throws(
    () => chooseAccounts(TREE, { ...base, account_sids: [sid(99)] }),
    (e: unknown) => e instanceof ConfigError && e.message.includes(sid(99)),
  );
});
