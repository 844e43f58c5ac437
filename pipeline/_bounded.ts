/**
 * Bounded concurrency over a (possibly async) sequence, as the engine needs
 * it everywhere: partitions, date slices, child lists, re-reads.
 *
 * @module
 */
import type { Semaphore } from "./_async.ts";

/**
 * Runs `task` for every item, each holding one permit of `slots`. Items are
 * taken in order and each task is started (its synchronous part runs) before
 * the next item is taken. After the first failure no task is started; the
 * running ones are awaited and the first failure is thrown.
 */
export async function forEachBounded<T>(
  items: Iterable<T> | AsyncIterable<T>,
  slots: Semaphore,
  signal: AbortSignal,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  try {
    for await (const item of items) {
      if (failure) break;
      await slots.acquire(signal);
      const run: Promise<void> = task(item)
        .catch((error) => void (failure ??= { error }))
        .finally(() => {
          slots.release();
          running.delete(run);
        });
      running.add(run);
    }
  } catch (error) {
    failure ??= { error };
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
