import { equal } from "node:assert/strict";
import { REPLAY_BYTES, ReplayFilter } from "../../sync/replay.ts";
import { tempFolder } from "../cli/_sync.ts";

Deno.test("ReplayFilter.read() remembers the whole lines of a byte range, each as often as it is there", async () => {
  await using dir = await tempFolder();
  const path = `${dir.path}/s.jsonl`;
  const lines = ['{"sid":"A"}', '{"sid":"B"}', '{"sid":"C"}', '{"sid":"C"}', '{"sid":"é"}'];
  await Deno.writeTextFile(path, lines.map((l) => l + "\n").join(""));
  const size = (await Deno.stat(path)).size;
  // From the middle of the first line: it is not remembered.
  const filter = await ReplayFilter.read(path, 3, size);
  equal(filter.size, 3);
  equal(filter.take('{"sid":"A"}'), false);
  equal(filter.take('{"sid":"B"}'), true);
  equal(filter.take('{"sid":"B"}'), false, "once per copy in the file");
  equal(filter.take('{"sid":"C"}'), true);
  equal(filter.take('{"sid":"C"}'), true);
  equal(filter.take('{"sid":"C"}'), false);
  equal(filter.take('{"sid":"é"}'), true);
  equal(filter.take('{"sid":"B","status":"delivered"}'), false, "a changed record is new");
  // From the start of a line: that line counts.
  const fromB = await ReplayFilter.read(path, lines[0]!.length + 1, size);
  equal(fromB.take('{"sid":"B"}'), true);
  equal((await ReplayFilter.read(path, size, size)).size, 0);
});

Deno.test("ReplayFilter.read() keeps at most REPLAY_BYTES of the file's end", async () => {
  await using dir = await tempFolder();
  const path = `${dir.path}/s.jsonl`;
  const line = '{"sid":"' + "x".repeat(1000) + '"}';
  const count = Math.ceil(REPLAY_BYTES / (line.length + 1)) + 10;
  await Deno.writeTextFile(
    path,
    `{"sid":"first"}\n` + `${line}\n`.repeat(count) + `{"sid":"last"}\n`,
  );
  const filter = await ReplayFilter.read(path, 0, (await Deno.stat(path)).size);
  equal(filter.take('{"sid":"first"}'), false);
  equal(filter.take('{"sid":"last"}'), true);
});
