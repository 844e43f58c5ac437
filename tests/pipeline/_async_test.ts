import { deepEqual, equal, fail, ok, rejects } from "node:assert/strict";
import { AsyncQueue, PageGate, PagePool, Semaphore } from "../../pipeline/_async.ts";
import { settle } from "./_helpers.ts";

Deno.test("Semaphore never lets more than its permits run at once", async () => {
  const semaphore = new Semaphore(3);
  let running = 0;
  let peak = 0;
  let done = 0;
  const gates: (() => void)[] = [];
  const tasks = Array.from({ length: 15 }, async () => {
    await semaphore.acquire();
    running++;
    peak = Math.max(peak, running);
    await new Promise<void>((resolve) => gates.push(resolve));
    running--;
    done++;
    semaphore.release();
  });
  while (done < 15) {
    await settle();
    ok(running <= 3, `${running} running`);
    gates.shift()?.();
  }
  await Promise.all(tasks);
  equal(peak, 3);
});

Deno.test("Semaphore hands a released permit to the oldest waiter", async () => {
  const semaphore = new Semaphore(1);
  await semaphore.acquire();
  const order: number[] = [];
  const waiters = [1, 2].map((n) => semaphore.acquire().then(() => order.push(n)));
  await settle();
  deepEqual(order, []);
  semaphore.release();
  await settle();
  deepEqual(order, [1]);
  semaphore.release();
  await Promise.all(waiters);
  deepEqual(order, [1, 2]);
});

Deno.test("Semaphore.acquire() rejects when a waiting signal aborts and gives up its place", async () => {
  const semaphore = new Semaphore(1);
  await semaphore.acquire();
  const controller = new AbortController();
  const reason = new Error("stop");
  const aborted = semaphore.acquire(controller.signal);
  let granted = false;
  const next = semaphore.acquire().then(() => granted = true);
  controller.abort(reason);
  await rejects(aborted, (error: unknown) => error === reason);
  semaphore.release();
  await next;
  equal(granted, true);
});

Deno.test("Semaphore.acquire() returns a rejected promise for an aborted signal", async () => {
  const semaphore = new Semaphore(1);
  const reason = new Error("already");
  let acquired: Promise<void>;
  try {
    acquired = semaphore.acquire(AbortSignal.abort(reason));
  } catch {
    fail("acquire() threw synchronously instead of returning a rejected promise");
  }
  await rejects(acquired, (error: unknown) => error === reason);
});

Deno.test("AsyncQueue delivers items in order until it is closed", async () => {
  const queue = new AsyncQueue<number>(10);
  await queue.push(1);
  await queue.push(2);
  await queue.push(3);
  queue.close();
  deepEqual(await Array.fromAsync(queue), [1, 2, 3]);
});

Deno.test("AsyncQueue.push() waits while the queue is full", async () => {
  const queue = new AsyncQueue<string>(2);
  await queue.push("a");
  await queue.push("b");
  let pushed = false;
  const third = queue.push("c").then(() => pushed = true);
  await settle();
  equal(pushed, false);
  const iterator = queue[Symbol.asyncIterator]();
  equal((await iterator.next()).value, "a");
  await third;
  equal(pushed, true);
  queue.close();
  equal((await iterator.next()).value, "b");
  equal((await iterator.next()).value, "c");
  equal((await iterator.next()).done, true);
});

Deno.test("AsyncQueue consumer waits for the next item", async () => {
  const queue = new AsyncQueue<number>(1);
  const consumed = Array.fromAsync(queue);
  await settle();
  await queue.push(1);
  await queue.push(2);
  await queue.push(3);
  queue.close();
  deepEqual(await consumed, [1, 2, 3]);
});

Deno.test("AsyncQueue.discard() releases blocked pushers and drops their items", async () => {
  const queue = new AsyncQueue<number>(1);
  await queue.push(1);
  let released = 0;
  const blocked = [2, 3, 4].map((n) => queue.push(n).then(() => released++));
  await settle();
  equal(released, 0);
  queue.discard();
  await Promise.all(blocked);
  equal(released, 3);
  await queue.push(5);
  queue.close();
  deepEqual(await Array.fromAsync(queue), []);
});

Deno.test("AsyncQueue.fail() makes the consumer throw after the queued items", async () => {
  const queue = new AsyncQueue<number>(4);
  const error = new Error("parent failed");
  await queue.push(1);
  queue.fail(error);
  const seen: number[] = [];
  await rejects(
    (async () => {
      for await (const item of queue) seen.push(item);
    })(),
    (caught: unknown) => caught === error,
  );
  deepEqual(seen, [1]);
});

Deno.test("AsyncQueue.fail() wakes a waiting consumer", async () => {
  const queue = new AsyncQueue<number>(4);
  const error = new Error("parent failed");
  const consumed = Array.fromAsync(queue);
  await settle();
  queue.fail(error);
  await rejects(consumed, (caught: unknown) => caught === error);
});

Deno.test("AsyncQueue.push() drops items after close", async () => {
  const queue = new AsyncQueue<number>(4);
  await queue.push(1);
  queue.close();
  await queue.push(2);
  deepEqual(await Array.fromAsync(queue), [1]);
});

Deno.test("AsyncQueue.push() rejects for an aborted signal while full", async () => {
  const queue = new AsyncQueue<number>(1);
  await queue.push(1);
  const reason = new Error("stop");
  await rejects(queue.push(2, AbortSignal.abort(reason)), (error: unknown) => error === reason);
});

Deno.test("PageGate holds one slot per page and returns what a failed read still held", async () => {
  const pool = new PagePool(2, 1_000_000);
  const gate = new PageGate(pool, { bytes: 10 });
  await gate.enter();
  await gate.enter();
  let third = false;
  const waiting = gate.enter().then(() => third = true);
  await Promise.resolve();
  equal(third, false, "no third page while two are held");
  gate.leave();
  await waiting;
  equal(third, true);
  gate.leaveAll();
  gate.leave();
  deepEqual(pool.held, { pages: 0, bytes: 0 });
  const other = new PageGate(pool, { bytes: 10 });
  await other.enter();
  await other.enter();
  other.leaveAll();
  deepEqual(pool.held, { pages: 0, bytes: 0 });
});

Deno.test("PagePool bounds the bytes held, but always lets one page in", async () => {
  const pool = new PagePool(10, 100);
  const guess = { bytes: 60 };
  const gate = new PageGate(pool, guess);
  await gate.enter();
  let second = false;
  const waiting = gate.enter().then(() => second = true);
  await Promise.resolve();
  equal(second, false, "60 + 60 bytes do not fit in 100");
  // The page held turned out small: the waiting one fits now.
  gate.settle(30);
  await waiting;
  equal(second, true);
  equal(guess.bytes, 30, "the next page is guessed as large as the last");
  deepEqual(pool.held, { pages: 2, bytes: 90 });
  gate.settle(500);
  equal(guess.bytes, 500);
  deepEqual(pool.held, { pages: 2, bytes: 530 });
  gate.drop();
  gate.leave();
  deepEqual(pool.held, { pages: 0, bytes: 0 });
  // Larger than the whole budget: admitted alone, and nothing else meanwhile.
  const big = new PageGate(pool, { bytes: 1000 });
  await big.enter();
  const small = new PageGate(pool, { bytes: 1 });
  let admitted = false;
  const later = small.enter().then(() => admitted = true);
  await Promise.resolve();
  equal(admitted, false);
  big.leave();
  await later;
  small.leave();
  deepEqual(pool.held, { pages: 0, bytes: 0 });
});

Deno.test("PagePool serves its line in order and forgets an aborted waiter", async () => {
  const pool = new PagePool(1, 100);
  await pool.enter(10);
  const order: string[] = [];
  const abort = new AbortController();
  const first = pool.enter(10, abort.signal).then(() => order.push("aborted one"), () => {});
  const second = pool.enter(10).then(() => order.push("second"));
  abort.abort(new Error("stop"));
  await first;
  pool.leave(10);
  await second;
  deepEqual(order, ["second"]);
  deepEqual(pool.held, { pages: 1, bytes: 10 });
});
