import { equal, ok, rejects } from "node:assert/strict";
import { FolderLock, prepareFolder } from "../../sync/folder.ts";
import { ConfigError, SourceError } from "../../pipeline/errors.ts";
import { tempFolder } from "../cli/_sync.ts";

Deno.test("FolderLock.acquire() refuses a second holder at once, naming the pid, until the first releases", async () => {
  await using dir = await tempFolder();
  await prepareFolder(dir.path);
  const first = await FolderLock.acquire(dir.path);
  await rejects(FolderLock.acquire(dir.path), (e) => {
    return e instanceof SourceError && e.message.includes(`(pid ${Deno.pid})`);
  });
  first.release();
  (await FolderLock.acquire(dir.path)).release();
});

Deno.test("prepareFolder() creates a missing folder and refuses a file", async () => {
  await using dir = await tempFolder();
  await prepareFolder(`${dir.path}/a/b`);
  ok((await Deno.stat(`${dir.path}/a/b/.sync`)).isDirectory);
  await Deno.writeTextFile(`${dir.path}/f`, "");
  await rejects(prepareFolder(`${dir.path}/f`), (e) => {
    return e instanceof ConfigError && e.message.endsWith("it is a file, not a folder");
  });
  equal((await Deno.stat(`${dir.path}/f`)).size, 0);
});
