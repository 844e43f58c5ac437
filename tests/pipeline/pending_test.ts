import { deepEqual, equal } from "node:assert/strict";
import { PendingList } from "../../pipeline/pending.ts";

const NOW = Date.parse("2024-03-01T00:00:00Z");
const HOUR = 3_600_000;

function message(sid: string, hoursAgo: number, status = "sent") {
  const created = new Date(NOW - hoursAgo * HOUR).toISOString().slice(0, 19) + "Z";
  return { sid, account_sid: "AC1", status, date_created: created, date_updated: created };
}

Deno.test("PendingList keeps the newest unsettled records, within the count and age bounds", () => {
  const list = new PendingList(undefined, {
    maxRecords: 3,
    maxAgeMs: 72 * HOUR,
    now: NOW,
    settled: (r) => r.status === "delivered",
  });
  for (let i = 1; i <= 5; i++) equal(list.observe(message(`SM${i}`, 10 - i)), true);
  deepEqual(list.entries().map((e) => e.sid), ["SM3", "SM4", "SM5"], "the oldest go first");
  list.observe(message("SM6", 100));
  deepEqual(list.entries().map((e) => e.sid), ["SM3", "SM4", "SM5"], "too old to keep");
  equal(list.observe(message("SM4", 6)), false, "seen as it was");
  list.observe(message("SM5", 5, "delivered"));
  deepEqual(list.entries().map((e) => e.sid), ["SM3", "SM4"], "settled records leave");
  const saved = new PendingList(JSON.parse(JSON.stringify(list)), {
    maxRecords: 1,
    maxAgeMs: 72 * HOUR,
    now: NOW,
    settled: () => false,
  });
  deepEqual(saved.entries().map((e) => e.sid), ["SM4"], "a saved list is bounded on load");
});
