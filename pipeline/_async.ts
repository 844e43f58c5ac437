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
 * The pages in memory at one depth of the parent/child forest, from the
 * request that fetches a page until its consumer is done with it: at most
 * `slots` pages, and at most `bytes` bytes of JSON unless a single page is
 * larger. A page reserves the size it is expected to have before its request
 * and settles to its real size once read. The line is first come, first
 * served, so a large page is not starved by small ones.
 *
 * With the bytes bounded, the heap a sync needs does not depend on
 * `max_concurrency` or on how large a stream's records are.
 */
export class PagePool {
  /** Pages allowed at once. */
  readonly slots: number;
  /** Bytes of JSON allowed at once. */
  readonly bytes: number;
  #pages = 0;
  #used = 0;
  #line: { need: number; grant: () => void }[] = [];

  constructor(slots: number, bytes: number) {
    this.slots = Math.max(1, slots);
    this.bytes = Math.max(1, bytes);
  }

  /** Pages and bytes held now. */
  get held(): { pages: number; bytes: number } {
    return { pages: this.#pages, bytes: this.#used };
  }

  /** Waits for room for a page of `expected` bytes, and holds it. */
  enter(expected: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const need = Math.max(0, expected);
    if (this.#line.length === 0 && this.#fits(need)) {
      this.#take(need);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        need,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          this.#take(need);
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.#line.indexOf(waiter);
        if (i >= 0) this.#line.splice(i, 1);
        reject(signal?.reason);
        this.#admit();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#line.push(waiter);
    });
  }

  /** A held page turned out to be `actual` bytes instead of `expected`. Never waits. */
  settle(expected: number, actual: number): void {
    this.#used += Math.max(0, actual) - Math.max(0, expected);
    if (actual < expected) this.#admit();
  }

  /** A page of `bytes` left memory. */
  leave(bytes: number): void {
    this.#pages--;
    this.#used -= Math.max(0, bytes);
    this.#admit();
  }

  #fits(need: number): boolean {
    return this.#pages < this.slots && (this.#pages === 0 || this.#used + need <= this.bytes);
  }

  #take(need: number): void {
    this.#pages++;
    this.#used += need;
  }

  #admit(): void {
    while (this.#line.length > 0 && this.#fits(this.#line[0]!.need)) this.#line.shift()!.grant();
  }
}

/** The size a stream's next page is expected to have: the size of its last one. */
export interface PageSizeGuess {
  bytes: number;
}

/**
 * The pages of one list read held in a {@linkcode PagePool}, oldest first.
 * Pages waiting in the stages' queues count too, so the bound holds whatever
 * the stages buffer; `leaveAll` returns what a failed read still held.
 */
export class PageGate {
  #pool: PagePool;
  #guess: PageSizeGuess;
  #held: number[] = [];

  constructor(pool: PagePool, guess: PageSizeGuess) {
    this.#pool = pool;
    this.#guess = guess;
  }

  /** Waits for room for one more page, of the size guessed for it. */
  async enter(signal?: AbortSignal): Promise<void> {
    const expected = this.#guess.bytes;
    await this.#pool.enter(expected, signal);
    this.#held.push(expected);
  }

  /** The page entered last is `bytes` long; the stream's next page is guessed the same. */
  settle(bytes: number): void {
    const last = this.#held.length - 1;
    if (last < 0) return;
    this.#pool.settle(this.#held[last]!, bytes);
    this.#held[last] = bytes;
    this.#guess.bytes = bytes;
  }

  /** The page entered last is not passed on (it failed, or was empty). */
  drop(): void {
    const bytes = this.#held.pop();
    if (bytes !== undefined) this.#pool.leave(bytes);
  }

  /** The oldest page held was handled. */
  leave(): void {
    const bytes = this.#held.shift();
    if (bytes !== undefined) this.#pool.leave(bytes);
  }

  /** Returns every page still held. */
  leaveAll(): void {
    while (this.#held.length > 0) this.leave();
  }
}
