/**
 * Two small async primitives the engine needs: a counting semaphore and a
 * bounded queue whose `push` waits while it is full (backpressure between a
 * parent stream and its children).
 *
 * @module
 */

/**
 * Joins `line`: resolves when the owner calls the queued function (after
 * running `onGrant`), or rejects with the signal's reason and leaves the line
 * when the signal aborts first.
 */
export function waitInLine(
  line: (() => void)[],
  signal: AbortSignal | undefined,
  onGrant?: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const grant = () => {
      signal?.removeEventListener("abort", onAbort);
      onGrant?.();
      resolve();
    };
    const onAbort = () => {
      const i = line.indexOf(grant);
      if (i >= 0) line.splice(i, 1);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    line.push(grant);
  });
}

/** A counting semaphore. */
export class Semaphore {
  #free: number;
  #waiters: (() => void)[] = [];

  constructor(permits: number) {
    this.#free = Math.max(1, permits);
  }

  /** Waits for a permit. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return waitInLine(this.#waiters, signal);
  }

  /** Returns a permit. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#free++;
  }
}

/** A bounded FIFO queue with one consumer. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #capacity: number;
  #closed = false;
  #discarding = false;
  #error: unknown = undefined;
  #failed = false;
  #space: (() => void)[] = [];
  #data: (() => void) | undefined;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Adds an item, waiting while the queue is full. Dropped once the consumer stopped. */
  async push(item: T, signal?: AbortSignal): Promise<void> {
    while (this.#items.length >= this.#capacity && !this.#discarding) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => this.#space.push(resolve));
    }
    if (this.#discarding || this.#closed) return;
    this.#items.push(item);
    this.#wake();
  }

  /** No more items will come. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  /** No more items will come, because the producer failed. */
  fail(error: unknown): void {
    this.#error = error;
    this.#failed = true;
    this.close();
  }

  /** The consumer stopped: later pushes return at once and are dropped. */
  discard(): void {
    this.#discarding = true;
    this.#items = [];
    for (const resolve of this.#space.splice(0)) resolve();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      const item = this.#items.shift();
      if (item !== undefined) {
        this.#space.shift()?.();
        yield item;
        continue;
      }
      if (this.#failed) throw this.#error;
      if (this.#closed) return;
      await new Promise<void>((resolve) => this.#data = resolve);
    }
  }

  #wake(): void {
    const data = this.#data;
    this.#data = undefined;
    data?.();
  }
}

/**
 * Bounds the pages of one list read that are held in memory (fetched and not
 * yet handled), against a semaphore shared by every read of a stream. Pages
 * waiting in the stages' queues count too, so the bound holds whatever the
 * stages buffer; `leaveAll` returns what a failed read still held.
 */
export class PageGate {
  #slots: Semaphore;
  #held = 0;

  constructor(slots: Semaphore) {
    this.#slots = slots;
  }

  /** Waits for room for one more page. */
  async enter(signal?: AbortSignal): Promise<void> {
    await this.#slots.acquire(signal);
    this.#held++;
  }

  /** One page was handled (or turned out empty). */
  leave(): void {
    if (this.#held === 0) return;
    this.#held--;
    this.#slots.release();
  }

  /** Returns every page slot still held. */
  leaveAll(): void {
    while (this.#held > 0) this.leave();
  }
}
