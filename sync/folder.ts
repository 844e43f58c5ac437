/**
 * The sync folder: checking it before anything is read, the lock that keeps a
 * second sync out, and the atomic replacement of a file (write a temporary
 * file, fsync it, rename it over the old one, fsync the folder).
 *
 * @module
 */
import { ConfigError, SourceError } from "../pipeline/errors.ts";

/** The folder inside the sync folder that holds the lock and the files being written. */
export const INTERNAL_DIR = ".sync";

/** Where `path` sits inside the sync folder's internal folder. */
export function internalPath(dir: string, name: string): string {
  return `${dir}/${INTERNAL_DIR}/${name}`;
}

/**
 * Makes sure `dir` is a folder this process can write into (creating it when
 * missing): a file, a folder that cannot be created or one that is not
 * writable is a {@linkcode ConfigError} that names the folder and the reason.
 */
export async function prepareFolder(dir: string): Promise<void> {
  const problem = (reason: string, cause?: unknown) =>
    new ConfigError(`Cannot sync into the folder ${dir}: ${reason}`, { cause });
  try {
    const info = await Deno.stat(dir);
    if (!info.isDirectory) throw problem("it is a file, not a folder");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (!(error instanceof Deno.errors.NotFound)) throw problem(reasonOf(error), error);
    try {
      await Deno.mkdir(dir, { recursive: true });
    } catch (cause) {
      throw problem(`it cannot be created: ${reasonOf(cause)}`, cause);
    }
  }
  try {
    await Deno.mkdir(`${dir}/${INTERNAL_DIR}`, { recursive: true });
  } catch (cause) {
    throw problem(`it is not writable: ${reasonOf(cause)}`, cause);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  // Without --allow-write, or a path Deno guards further (/dev, /proc, /sys).
  if (error instanceof Deno.errors.NotCapable) return "Deno's permissions refuse it";
  if (error instanceof Deno.errors.NotADirectory) return "a part of its path is a file";
  return (error as Error).message;
}

/**
 * The lock of a sync folder: an exclusive advisory lock (`flock`) on
 * `.sync/lock`, which also holds the owner's pid for the message a second
 * sync prints. The operating system drops the lock when its process ends in
 * any way (SIGKILL and crashes included), so a stale lock cannot exist; the
 * file itself stays and means nothing while nobody holds it.
 */
export class FolderLock {
  #file: Deno.FsFile;

  private constructor(file: Deno.FsFile) {
    this.#file = file;
  }

  /** Takes the lock, or throws at once when another process holds it. */
  static async acquire(dir: string): Promise<FolderLock> {
    const path = internalPath(dir, "lock");
    const file = await Deno.open(path, { read: true, write: true, create: true });
    if (!(await file.tryLock(true))) {
      file.close();
      const owner = (await Deno.readTextFile(path).catch(() => "")).trim();
      throw new SourceError(
        `Another sync is running in ${dir}${owner ? ` (pid ${owner})` : ""}: only one sync ` +
          `may write a folder at a time; this one stops without reading anything`,
        "transient_error",
      );
    }
    await file.truncate(0);
    await writeAll(file, new TextEncoder().encode(`${Deno.pid}\n`));
    return new FolderLock(file);
  }

  /** Releases the lock. */
  release(): void {
    try {
      this.#file.unlockSync();
    } finally {
      this.#file.close();
    }
  }
}

/** Writes all of `bytes` to `file`. */
export async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += await file.write(bytes.subarray(offset));
}

/** Flushes a folder's entries (renames, new files) to disk. */
export async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a folder as a file; its renames are durable on their own.
  if (Deno.build.os === "windows") return;
  using folder = await Deno.open(dir, { read: true });
  await folder.sync();
}

/**
 * Replaces `dir/name` (`name` may be inside {@linkcode INTERNAL_DIR}) with
 * `text` atomically: a reader, and a run killed at any point, sees the old
 * content or the new one, never a part.
 */
export async function replaceFile(dir: string, name: string, text: string): Promise<void> {
  const slash = name.lastIndexOf("/");
  const temp = internalPath(dir, `${name.slice(slash + 1)}.tmp`);
  {
    using file = await Deno.open(temp, { write: true, create: true, truncate: true });
    await writeAll(file, new TextEncoder().encode(text));
    await file.sync();
  }
  await Deno.rename(temp, `${dir}/${name}`);
  await syncFolder(slash < 0 ? dir : `${dir}/${name.slice(0, slash)}`);
}
