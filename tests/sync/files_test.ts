import { deepEqual, equal } from "node:assert/strict";
import { RecordFiles } from "../../sync/files.ts";
import { prepareFolder } from "../../sync/folder.ts";
import { jsonLines, tempFolder } from "../cli/_sync.ts";

Deno.test("RecordFiles.openAppend() cuts a file back to what its state covers and skips lines a resumed read gives again", async () => {
  await using dir = await tempFolder();
  await prepareFolder(dir.path);
  const path = `${dir.path}/messages.jsonl`;
  await Deno.writeTextFile(path, '{"sid":"A"}\n{"sid":"B"}\n{"sid":"C"}\n');
  const files = new RecordFiles(dir.path, []);
  const covered = '{"sid":"A"}\n{"sid":"B"}\n'.length;
  equal(await files.openAppend("messages", covered, '{"sid":"A"}\n'.length), covered);
  equal(
    await files.append("messages", [{ sid: "B" }, { sid: "C" }, { sid: "B", status: "sent" }]),
    2,
  );
  await files.flush("messages");
  await files.close();
  deepEqual(await jsonLines(path), [{ sid: "A" }, { sid: "B" }, { sid: "C" }, {
    sid: "B",
    status: "sent",
  }]);
});

Deno.test("RecordFiles full refresh: the old file stays until swapIn(); discard() keeps it; secrets are masked", async () => {
  await using dir = await tempFolder();
  await prepareFolder(dir.path);
  const path = `${dir.path}/accounts.jsonl`;
  await Deno.writeTextFile(path, '{"sid":"OLD"}\n');
  const files = new RecordFiles(dir.path, ["tok-secret-value"]);
  await files.openRefresh("accounts");
  await files.append("accounts", [{ sid: "NEW", note: "tok-secret-value" }]);
  deepEqual(await jsonLines(path), [{ sid: "OLD" }]);
  await files.swapIn("accounts");
  deepEqual(await jsonLines(path), [{ sid: "NEW", note: "**********" }]);
  await files.openRefresh("accounts");
  await files.append("accounts", [{ sid: "HALF" }]);
  await files.discard("accounts");
  deepEqual(await jsonLines(path), [{ sid: "NEW", note: "**********" }]);
  deepEqual(await Array.fromAsync(Deno.readDir(`${dir.path}/.sync`)), []);
});
