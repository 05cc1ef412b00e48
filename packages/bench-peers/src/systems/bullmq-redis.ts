import { type FlowJob, FlowProducer, Queue, Worker } from 'bullmq';
import type { BenchSystem, LatencyResult } from '../bench-system.js';
import { Countdown, pause } from '../countdown.js';
import { quantile, ratePerSecond } from '../statistics.js';

/** Where a BullMQ run connects, and a unique prefix so that a shared Redis is left as found. */
export interface BullmqTarget {
  readonly host: string;
  readonly port: number;
}

const RETRY_BACKOFF_MS = 10;

/** BullMQ on Redis: Queue/Worker/FlowProducer, one fresh queue per measurement. */
export function bullmqRedis(target: BullmqTarget): BenchSystem {
  const connection = { host: target.host, port: target.port, maxRetriesPerRequest: null };
  const prefix = `wmbench-${process.pid}`;
  let seq = 0;

  async function withQueue<T>(body: (queue: Queue, name: string) => Promise<T>): Promise<T> {
    const name = `q${seq++}`;
    const queue = new Queue(name, { connection, prefix });
    await queue.waitUntilReady();
    try {
      return await body(queue, name);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }

  function worker(
    name: string,
    concurrency: number,
    handler: (job: { attemptsMade: number }) => void,
  ): Worker {
    return new Worker(
      name,
      async (job) => {
        handler(job);
      },
      { connection, prefix, concurrency },
    );
  }

  async function fill(queue: Queue, n: number, batch: number, opts = {}): Promise<void> {
    for (let i = 0; i < n; i += batch) {
      await queue.addBulk(
        Array.from({ length: Math.min(batch, n - i) }, () => ({ name: 'noop', data: {}, opts })),
      );
    }
  }

  return {
    queueAdd: (n) =>
      withQueue(async (queue) => {
        const started = performance.now();
        for (let i = 0; i < n; i++) await queue.add('noop', {});
        return ratePerSecond(n, started);
      }),

    queueAddBulk: (n, batch) =>
      withQueue(async (queue) => {
        const started = performance.now();
        await fill(queue, n, batch);
        return ratePerSecond(n, started);
      }),

    burnDown: (n, batch, concurrency) =>
      withQueue(async (queue, name) => {
        await fill(queue, n, batch);
        const done = new Countdown(n);
        const started = performance.now();
        const w = worker(name, concurrency, () => {});
        w.on('completed', () => done.tick()); // emitted once the outcome is stored
        await done.done;
        const rate = ratePerSecond(n, started);
        await w.close();
        return rate;
      }),

    latency: (samples, concurrency, gapMs): Promise<LatencyResult> =>
      withQueue(async (queue, name) => {
        const times: number[] = [];
        let began = 0;
        let ran: () => void = () => {};
        const w = worker(name, concurrency, () => {
          times.push(performance.now() - began);
          ran();
        });
        await w.waitUntilReady();
        for (let i = 0; i < samples; i++) {
          const started = new Promise<void>((r) => (ran = r));
          began = performance.now();
          await queue.add('noop', {});
          await started;
          await pause(gapMs);
        }
        await w.close();
        return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
      }),

    retry: (n, batch, concurrency) =>
      withQueue(async (queue, name) => {
        await fill(queue, n, batch, {
          attempts: 2,
          backoff: { type: 'fixed', delay: RETRY_BACKOFF_MS },
        });
        const done = new Countdown(n);
        const started = performance.now();
        const w = worker(name, concurrency, (job) => {
          if (job.attemptsMade === 0) throw new Error('fails once');
        });
        w.on('completed', () => done.tick());
        await done.done;
        const rate = ratePerSecond(n, started);
        await w.close();
        return rate;
      }),

    chain: (chains, length, concurrency) =>
      withQueue(async (_queue, name) => {
        const total = chains * length;
        const done = new Countdown(total);
        const flows = new FlowProducer({ connection, prefix });
        const w = worker(name, concurrency, () => {});
        w.on('completed', () => done.tick());
        await w.waitUntilReady();
        const started = performance.now();
        // A flow's children run before their parent: the deepest child is the chain's first step.
        const chainOf = (): FlowJob => {
          let step: FlowJob = { name: 'noop', queueName: name, data: {}, prefix };
          for (let s = 1; s < length; s++)
            step = { name: 'noop', queueName: name, data: {}, prefix, children: [step] };
          return step;
        };
        await Promise.all(Array.from({ length: chains }, () => flows.add(chainOf())));
        await done.done;
        const rate = ratePerSecond(total, started);
        await w.close();
        await flows.close();
        return rate;
      }),

    close: async () => {},
  };
}
