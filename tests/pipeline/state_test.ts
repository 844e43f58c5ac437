import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { ConfigError } from "../../pipeline/errors.ts";
import {
  CursorTracker,
  keyString,
  parseCursor,
  partitionKey,
  type Ticket,
} from "../../pipeline/state.ts";

const AC1 = "AC0123456789abcdef0123456789abcdef";
const AC2 = "ACfedcba9876543210fedcba9876543210";
const at = (iso: string) => Date.parse(iso);
const A = { account_sid: AC1 };
const B = { account_sid: AC2 };

Deno.test("CursorTracker starts with no cursor", () => {
  const tracker = new CursorTracker("messages", "date_sent");
  equal(tracker.cursorOf(A), undefined);
  deepEqual(tracker.snapshot(), { states: [] });
});

Deno.test("CursorTracker.complete() moves the cursor to the end of a completed window", () => {
  const tracker = new CursorTracker("messages", "date_sent");
  const ticket = tracker.open(A, at("2024-01-01T23:59:59Z"));
  equal(tracker.cursorOf(A), undefined);
  equal(tracker.complete(ticket), true);
  equal(tracker.cursorOf(A), at("2024-01-01T23:59:59Z"));
});

Deno.test("CursorTracker keeps the low-water mark when windows complete out of order", () => {
  const tracker = new CursorTracker("messages", "date_sent");
  const w1 = tracker.open(A, at("2024-01-01T23:59:59Z"));
  const w2 = tracker.open(A, at("2024-01-02T23:59:59Z"));
  const w3 = tracker.open(A, at("2024-01-03T23:59:59Z"));
  equal(tracker.complete(w2), false);
  equal(tracker.cursorOf(A), undefined);
  deepEqual(tracker.snapshot(), { states: [] });
  equal(tracker.complete(w1), true);
  equal(tracker.cursorOf(A), at("2024-01-02T23:59:59Z"));
  equal(tracker.complete(w3), true);
  equal(tracker.cursorOf(A), at("2024-01-03T23:59:59Z"));
});

Deno.test("CursorTracker does not move a loaded cursor until the first window completes", () => {
  const tracker = new CursorTracker("messages", "date_sent", {
    states: [{ partition: A, cursor: { date_sent: "2024-01-01T00:00:00Z" } }],
  });
  const w1 = tracker.open(A, at("2024-01-02T00:00:00Z"));
  const w2 = tracker.open(A, at("2024-01-03T00:00:00Z"));
  tracker.complete(w2);
  equal(tracker.cursorOf(A), at("2024-01-01T00:00:00Z"));
  tracker.complete(w1);
  equal(tracker.cursorOf(A), at("2024-01-03T00:00:00Z"));
});

Deno.test("CursorTracker never moves a cursor backwards", () => {
  const tracker = new CursorTracker("messages", "date_sent", {
    states: [{ partition: A, cursor: { date_sent: "2024-02-01T00:00:00Z" } }],
  });
  equal(tracker.complete(tracker.open(A, at("2024-01-15T00:00:00Z"))), false);
  equal(tracker.cursorOf(A), at("2024-02-01T00:00:00Z"));
  equal(tracker.advance(A, at("2024-01-20T00:00:00Z")), false);
  equal(tracker.advance(A, at("2024-02-01T00:00:00Z")), false);
  equal(tracker.advance(A, at("2024-02-02T00:00:00Z")), true);
  equal(tracker.cursorOf(A), at("2024-02-02T00:00:00Z"));
});

Deno.test("CursorTracker keeps partitions independent", () => {
  const tracker = new CursorTracker("messages", "date_sent");
  const a1 = tracker.open(A, at("2024-01-01T00:00:00Z"));
  const b1 = tracker.open(B, at("2024-01-05T00:00:00Z"));
  const a2 = tracker.open(A, at("2024-01-02T00:00:00Z"));
  equal(tracker.complete(b1), true);
  equal(tracker.complete(a2), false);
  equal(tracker.cursorOf(A), undefined);
  equal(tracker.cursorOf(B), at("2024-01-05T00:00:00Z"));
  equal(tracker.complete(a1), true);
  equal(tracker.cursorOf(A), at("2024-01-02T00:00:00Z"));
  equal(tracker.cursorOf(B), at("2024-01-05T00:00:00Z"));
});

Deno.test("CursorTracker.snapshot() lists each partition with its cursor in ISO seconds", () => {
  const tracker = new CursorTracker("messages", "date_sent");
  tracker.complete(tracker.open(A, at("2024-01-01T23:59:59.999Z")));
  tracker.complete(tracker.open(B, at("2024-01-02T10:00:00Z")));
  tracker.open({ account_sid: "ACopen" }, at("2024-01-03T00:00:00Z"));
  deepEqual(tracker.snapshot(), {
    states: [
      { partition: { account_sid: AC1 }, cursor: { date_sent: "2024-01-01T23:59:59Z" } },
      { partition: { account_sid: AC2 }, cursor: { date_sent: "2024-01-02T10:00:00Z" } },
    ],
  });
});

Deno.test("CursorTracker reads back its own snapshot", () => {
  const tracker = new CursorTracker("conversation_messages", "date_created", {
    state: { date_created: "2023-06-01T00:00:00Z" },
  });
  tracker.complete(tracker.open({ conversation_sid: "CH1" }, at("2024-01-01T00:00:00Z")));
  tracker.complete(
    tracker.open({ conversation_sid: "CH2", service: "IS1" }, at("2024-01-02T00:00:00Z")),
  );
  tracker.setExtra("pending", ["CH3"]);
  const snapshot = tracker.snapshot();
  const copy = new CursorTracker(
    "conversation_messages",
    "date_created",
    structuredClone(snapshot),
  );
  deepEqual(copy.snapshot(), snapshot);
  equal(copy.cursorOf({ conversation_sid: "CH1" }), at("2024-01-01T00:00:00Z"));
  equal(copy.cursorOf({ service: "IS1", conversation_sid: "CH2" }), at("2024-01-02T00:00:00Z"));
  equal(copy.cursorOf({ conversation_sid: "CH9" }), at("2023-06-01T00:00:00Z"));
  deepEqual(copy.extra("pending"), ["CH3"]);
});

Deno.test("CursorTracker reads a flat legacy state as the cursor of every partition", () => {
  const tracker = new CursorTracker("messages", "date_sent", { date_sent: "2022-11-15 02:28:40Z" });
  equal(tracker.cursorOf(A), at("2022-11-15T02:28:40Z"));
  equal(tracker.cursorOf(B), at("2022-11-15T02:28:40Z"));
  deepEqual(tracker.snapshot(), { states: [], state: { date_sent: "2022-11-15T02:28:40Z" } });
});

Deno.test("CursorTracker maps a subresource_uri partition to its account", () => {
  const tracker = new CursorTracker("messages", "date_sent", {
    states: [{
      partition: { subresource_uri: `/2010-04-01/Accounts/${AC1}/Messages.json` },
      cursor: { date_sent: "2022-11-13T12:11:10Z" },
    }],
  });
  equal(tracker.cursorOf(A), at("2022-11-13T12:11:10Z"));
  equal(tracker.cursorOf(B), undefined);
  deepEqual(tracker.snapshot().states, [
    { partition: { account_sid: AC1 }, cursor: { date_sent: "2022-11-13T12:11:10Z" } },
  ]);
});

Deno.test("CursorTracker reads the low-code shape with parent_slice and use_global_cursor", () => {
  const tracker = new CursorTracker("messages", "date_sent", {
    states: [{
      partition: { parent_slice: {}, subresource_uri: `/2010-04-01/Accounts/${AC1}/Messages.json` },
      cursor: { date_sent: "2022-11-13T12:11:10Z" },
    }],
    state: { date_sent: "2022-11-10T00:00:00Z" },
    use_global_cursor: false,
  });
  equal(tracker.cursorOf(A), at("2022-11-13T12:11:10Z"));
  equal(tracker.cursorOf(B), at("2022-11-10T00:00:00Z"));
  const snapshot = tracker.snapshot();
  equal("use_global_cursor" in snapshot, false);
  deepEqual(snapshot.state, { date_sent: "2022-11-10T00:00:00Z" });
});

Deno.test("CursorTracker finds the account in a nested parent_slice", () => {
  const tracker = new CursorTracker("message_media", "date_created", {
    states: [{
      partition: {
        sid: "SM0123456789abcdef0123456789abcdef",
        parent_slice: {
          subresource_uri: `/2010-04-01/Accounts/${AC2}/Messages.json`,
          parent_slice: {},
        },
      },
      cursor: { date_created: "2023-01-01T00:00:00Z" },
    }],
  });
  deepEqual(tracker.snapshot().states, [{
    partition: { sid: "SM0123456789abcdef0123456789abcdef", account_sid: AC2 },
    cursor: { date_created: "2023-01-01T00:00:00Z" },
  }]);
});

Deno.test("CursorTracker maps a lone account sid partition to account_sid", () => {
  const tracker = new CursorTracker("addresses", "date_created", {
    states: [{
      partition: { sid: AC1, parent_slice: {} },
      cursor: { date_created: "2023-01-01T00:00:00Z" },
    }],
  });
  equal(tracker.cursorOf(A), at("2023-01-01T00:00:00Z"));
});

Deno.test("CursorTracker reads the usage records shape keyed by account", () => {
  const tracker = new CursorTracker("usage_records", "start_date", {
    states: [{
      partition: { account_sid: AC1, date_created: "Tue, 15 Nov 2022 10:28:40 +0000" },
      cursor: { start_date: "2022-11-13" },
    }],
  });
  equal(tracker.cursorOf(A), at("2022-11-13T00:00:00Z"));
  deepEqual(tracker.snapshot().states, [
    { partition: { account_sid: AC1 }, cursor: { start_date: "2022-11-13T00:00:00Z" } },
  ]);
});

Deno.test("CursorTracker keeps the earliest cursor when old partitions fold into one key", () => {
  const state = (first: string, second: string) => ({
    states: [
      {
        partition: { subresource_uri: `/2010-04-01/Accounts/${AC1}/Messages.json` },
        cursor: { date_sent: first },
      },
      { partition: { account_sid: AC1, parent_slice: {} }, cursor: { date_sent: second } },
    ],
  });
  for (
    const [first, second] of [
      ["2022-11-13T00:00:00Z", "2022-12-01T00:00:00Z"],
      ["2022-12-01T00:00:00Z", "2022-11-13T00:00:00Z"],
    ] as const
  ) {
    const tracker = new CursorTracker("messages", "date_sent", state(first, second));
    equal(tracker.cursorOf(A), at("2022-11-13T00:00:00Z"));
    deepEqual(tracker.snapshot().states, [
      { partition: A, cursor: { date_sent: "2022-11-13T00:00:00Z" } },
    ]);
  }
});

Deno.test("CursorTracker keeps unknown top-level entries and drops __ab_ ones", () => {
  const tracker = new CursorTracker("messages", "date_sent", {
    date_sent: "2022-11-15T00:00:00Z",
    pending: ["SM1"],
    __ab_no_cursor_state_message: true,
  });
  deepEqual(tracker.extra("pending"), ["SM1"]);
  deepEqual(tracker.snapshot(), {
    states: [],
    state: { date_sent: "2022-11-15T00:00:00Z" },
    pending: ["SM1"],
  });
});

Deno.test("CursorTracker rejects malformed states with a ConfigError naming the stream", () => {
  const bad: Record<string, unknown>[] = [
    { states: {} },
    { states: "x" },
    { states: [null] },
    { states: [7] },
    { states: [{ cursor: { date_sent: "2022-11-15T00:00:00Z" } }] },
    { states: [{ partition: "AC1", cursor: { date_sent: "2022-11-15T00:00:00Z" } }] },
    { states: [{ partition: A }] },
    { states: [{ partition: A, cursor: {} }] },
    { states: [{ partition: A, cursor: { date_created: "2022-11-15T00:00:00Z" } }] },
    { states: [{ partition: A, cursor: { date_sent: 1668470400 } }] },
    { states: [{ partition: A, cursor: { date_sent: "not a date" } }] },
    { state: "2022-11-15" },
    { state: { date_sent: "yesterday" } },
    { date_sent: "2022-13-45T99:00:00Z" },
  ];
  for (const input of bad) {
    throws(
      () => new CursorTracker("messages", "date_sent", input),
      (error: unknown) => {
        ok(error instanceof ConfigError, `${JSON.stringify(input)}: ${error}`);
        ok(error.message.includes('"messages"'), error.message);
        return true;
      },
      JSON.stringify(input),
    );
  }
});

Deno.test("parseCursor() reads ISO, Airbyte, bare-date and RFC 2822 values as UTC", () => {
  const expected = at("2022-11-15T02:28:40Z");
  equal(parseCursor("2022-11-15T02:28:40Z"), expected);
  equal(parseCursor("2022-11-15T02:28:40.000Z"), expected);
  equal(parseCursor("2022-11-15T02:28:40.000000Z"), expected);
  equal(parseCursor("2022-11-15T04:28:40+02:00"), expected);
  equal(parseCursor("2022-11-15 02:28:40Z"), expected);
  equal(parseCursor("Tue, 15 Nov 2022 02:28:40 +0000"), expected);
  equal(parseCursor("2022-11-15"), at("2022-11-15T00:00:00Z"));
});

Deno.test("parseCursor() gives undefined for text that is not a date", () => {
  for (const text of ["", "yesterday", "2022-13-45", "15/11/2022 abc"]) {
    equal(parseCursor(text), undefined, text);
  }
});

Deno.test("partitionKey() keeps string fields and drops connector plumbing", () => {
  deepEqual(partitionKey({ flow_sid: "FW1", parent_slice: { x: "y" }, count: 3 }), {
    flow_sid: "FW1",
  });
  deepEqual(partitionKey({ sid: AC1 }), { account_sid: AC1 });
  deepEqual(partitionKey({ sid: "CH1" }), { sid: "CH1" });
});

Deno.test("keyString() does not depend on key order", () => {
  equal(keyString({ a: "1", b: "2" }), keyString({ b: "2", a: "1" }));
  ok(keyString({ a: "1" }) !== keyString({ a: "2" }));
});

Deno.test("CursorTracker.split() replaces a window by ordered parts: the cursor never passes an unread one", () => {
  const tracker = new CursorTracker("messages", "date_sent");
  const w1 = tracker.open(A, at("2024-01-10T23:59:59Z"));
  const w2 = tracker.open(A, at("2024-01-20T23:59:59Z"));
  const [p1, p2, p3] = tracker.split(w1, [
    at("2024-01-03T23:59:59Z"),
    at("2024-01-06T23:59:59Z"),
    at("2024-01-10T23:59:59Z"),
  ]) as [Ticket, Ticket, Ticket];
  equal(tracker.complete(p3), false, "the newest part first: no move");
  equal(tracker.complete(w2), false);
  equal(tracker.complete(p1), true);
  equal(tracker.cursorOf(A), at("2024-01-03T23:59:59Z"));
  equal(tracker.complete(p2), true);
  equal(tracker.cursorOf(A), at("2024-01-20T23:59:59Z"), "then everything done moves it");
  throws(() => tracker.split(w2, [at("2024-01-30T00:00:00Z")]), Error);
});

Deno.test("CursorTracker.split() refuses ends that do not ascend within the window", () => {
  const tracker = new CursorTracker("messages", "date_sent");
  const w = tracker.open(A, at("2024-01-10T23:59:59Z"));
  throws(
    () => tracker.split(w, [at("2024-01-05T00:00:00Z"), at("2024-01-04T00:00:00Z")]),
    RangeError,
  );
  throws(() => tracker.split(w, [at("2024-01-11T00:00:00Z")]), RangeError);
});
