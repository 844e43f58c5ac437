import { equal, ok } from "node:assert/strict";
import { Progress } from "../../cli/progress.ts";
import { errorMessage, recordMessage, statusMessage } from "../../protocol/messages.ts";

function fixture(live: boolean) {
  let clock = 0;
  const out: string[] = [];
  const progress = new Progress({ live, write: (t) => out.push(t), now: () => clock });
  return { progress, out, tick: (ms: number) => clock += ms };
}

async function feed(progress: Progress, tick: (ms: number) => void): Promise<void> {
  const batches = [
    [statusMessage("calls", "STARTED", 0), recordMessage("calls", { sid: "CA1" }, 0)],
    [recordMessage("calls", { sid: "CA2" }, 0), statusMessage("calls", "COMPLETE", 0)],
  ];
  progress.http({ type: "response", tag: "calls", status: 200, ms: 5 });
  progress.http({ type: "retry", tag: "calls", status: 429, waitMs: 1000, attempt: 1 });
  tick(1000);
  await Array.fromAsync(ReadableStream.from(batches).pipeThrough(progress.tap()));
  tick(500);
}

Deno.test("Progress.summary() tabulates records, requests, retries and seconds per stream", async () => {
  const { progress, out, tick } = fixture(false);
  await feed(progress, tick);
  progress.finish();
  equal(out.length, 1, "no live line when stderr is not a terminal");
  const row = out[0]!.split("\n").find((l) => l.startsWith("calls"))!;
  const cells = row.split(/\s+/);
  equal(cells[1], "COMPLETE");
  equal(cells[2], "2", "records");
  equal(cells[3], "1", "requests");
  equal(cells[4], "1", "retries");
  ok(out[0]!.includes("total: 1.5 s"));
});

Deno.test("Progress draws a live line per running stream on a terminal, and clears it", async () => {
  const { progress, out, tick } = fixture(true);
  tick(300);
  progress.http({ type: "response", tag: "messages", status: 200, ms: 5 });
  tick(300);
  progress.http({ type: "response", tag: "calls", status: 200, ms: 5 });
  const live = out.at(-1)!;
  ok(live.includes("messages") && live.includes("calls"), live);
  equal(live.split("\n").length - 1, 2, "one line per running stream");
  await feed(progress, tick);
  progress.finish();
  ok(out.at(-2)!.includes("\x1b["), "the live lines are cleared before the summary");
});

Deno.test("Progress.failed says whether an ERROR trace went through the tap", async () => {
  const { progress, tick } = fixture(false);
  await feed(progress, tick);
  equal(progress.failed, false);
  const error = errorMessage("calls failed", "system_error", 0, { stream: "calls" });
  await Array.fromAsync(ReadableStream.from([[error]]).pipeThrough(progress.tap()));
  equal(progress.failed, true);
});

Deno.test("Progress shows accounts done of total, live and in the summary", () => {
  const { progress, out, tick } = fixture(true);
  tick(300);
  progress.accounts(0, 1000);
  tick(300);
  progress.accounts(250, 1000);
  ok(out.at(-1)!.includes("accounts: 250 of 1000 done"), out.at(-1));
  progress.accounts(1000, 1000);
  progress.finish();
  ok(out.at(-1)!.includes("accounts: 1000 of 1000 done\ntotal:"), out.at(-1));
});
