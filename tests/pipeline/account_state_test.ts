import { deepEqual } from "node:assert/strict";
import { mainPartition } from "../../pipeline/account_state.ts";
import { CursorTracker } from "../../pipeline/state.ts";

const at = "2024-05-01T00:00:00Z";

Deno.test("mainPartition() gives the main account an old cursor, and no fallback to the others", () => {
  for (
    const old of [
      { date_generated: at },
      { state: { date_generated: at } },
      { states: [{ partition: {}, cursor: { date_generated: at } }] },
    ]
  ) {
    const tracker = new CursorTracker(
      "alerts",
      "date_generated",
      mainPartition(old, "date_generated", "AC1"),
    );
    deepEqual(tracker.cursorOf({ account_sid: "AC1" }), Date.parse(at), JSON.stringify(old));
    deepEqual(tracker.cursorOf({ account_sid: "AC2" }), undefined, "a new subaccount starts over");
  }
});

Deno.test("mainPartition() keeps per-account partitions and extra entries as they are", () => {
  const blob = {
    states: [{ partition: { account_sid: "AC2" }, cursor: { date_generated: at } }],
    pending: [],
  };
  deepEqual(mainPartition(blob, "date_generated", "AC1"), blob);
  const bad = { states: "nope" };
  deepEqual(mainPartition(bad, "date_generated", "AC1"), bad, "left for the tracker to refuse");
});
