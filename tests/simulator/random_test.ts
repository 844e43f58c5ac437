import assert from "node:assert/strict";
import { hash32, indexedSid, indexOfSid, Rng, sidOf } from "../../simulator/_random.ts";

Deno.test("Rng is deterministic per seed", () => {
  const draw = (seed: number) => {
    const rng = new Rng(seed);
    return [rng.u32(), rng.int(1, 6), rng.hex(8), rng.next()];
  };
  assert.deepEqual(draw(1), draw(1));
  assert.notDeepEqual(draw(1), draw(2));
  assert.notEqual(hash32("a", 1), hash32("a1"));
});

Deno.test("sidOf() makes a two-letter prefix and 32 hex digits", () => {
  assert.match(sidOf("AC", 1, "x"), /^AC[0-9a-f]{32}$/);
  assert.equal(sidOf("AC", 1, "x"), sidOf("AC", 1, "x"));
});

Deno.test("indexOfSid() inverts indexedSid() and rejects foreign SIDs", () => {
  const salt = hash32("salt");
  for (const i of [0, 1, 41, 999_999, 2 ** 31 + 5]) {
    const sid = indexedSid("SM", salt, i);
    assert.match(sid, /^SM[0-9a-f]{32}$/);
    assert.equal(indexOfSid(sid, ["SM", "MM"], salt), i);
  }
  assert.equal(indexOfSid(indexedSid("SM", salt, 7), ["SM"], salt + 1), undefined);
  assert.equal(indexOfSid(`SM${"0".repeat(32)}`, ["SM"], salt), undefined);
  assert.equal(indexOfSid(indexedSid("CA", salt, 7), ["SM"], salt), undefined);
});
