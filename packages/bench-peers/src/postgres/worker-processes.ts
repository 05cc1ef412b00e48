import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueueSystemId } from './postgres-queue-system.js';
import type { RunnerMessage, WorkerMessage } from './worker-messages.js';

const here = dirname(fileURLToPath(import.meta.url));
/** How long a worker process may take to open its connections, start or stop. */
const STEP_TIMEOUT_MS = 60_000;

/** What the runner asks of a group of worker processes. */
export interface WorkerGroupOptions {
  readonly system: QueueSystemId;
  readonly connectionString: string;
  readonly schema: string;
  readonly processes: number;
  readonly concurrency: number;
  /** Called with each reported add-to-start latency (jobs that carry an enqueue time). */
  readonly onRan?: (latencyMillis: number) => void;
}

/**
 * Worker processes of one system on one schema, each running one worker: launched and
 * prepared together, started together on one signal, stopped together.
 */
export class WorkerProcesses {
  private readonly children: ChildProcess[] = [];
  private readonly received = new Map<ChildProcess, WorkerMessage[]>();
  private readonly failures: string[] = [];
  private stopping = false;
  private wake: () => void = () => {};

  private constructor(private readonly options: WorkerGroupOptions) {
    for (let i = 0; i < options.processes; i++) this.fork();
  }

  /** Forks the processes; resolves once every one has its connections open. */
  static async launch(options: WorkerGroupOptions): Promise<WorkerProcesses> {
    const group = new WorkerProcesses(options);
    try {
      await group.waitFor('ready');
    } catch (error) {
      group.kill();
      throw error;
    }
    return group;
  }

  /** Signals every process to start; resolves with how long each took to start its worker. */
  async start(): Promise<number[]> {
    for (const child of this.children) child.send({ kind: 'start' } satisfies RunnerMessage);
    const started = await this.waitFor('started');
    return started.map((m) => (m.kind === 'started' ? m.startMillis : Number.NaN));
  }

  /** Throws if a process failed or exited (checked while waiting for the jobs to be done). */
  assertRunning(): void {
    if (this.failures.length > 0) throw new Error(this.failures.join('; '));
  }

  /** Stops every worker (running jobs finish) and waits until the processes have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exited = this.children.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve())),
    );
    for (const child of this.children)
      if (child.connected) child.send({ kind: 'stop' } satisfies RunnerMessage);
    const timer = setTimeout(() => this.kill(), STEP_TIMEOUT_MS);
    await Promise.all(exited);
    clearTimeout(timer);
    this.assertRunning();
  }

  /** Ends every process at once (after a failure). */
  kill(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL');
  }

  private fork(): void {
    const { system, connectionString, schema, concurrency, onRan } = this.options;
    const child = fork(
      join(here, 'worker-process.ts'),
      [system, connectionString, schema, String(concurrency)],
      {
        execArgv: ['--conditions=source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    this.received.set(child, []);
    child.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ran') return onRan?.(message.latencyMillis);
      if (message.kind === 'failed') this.failures.push(`${system} worker: ${message.message}`);
      this.received.get(child)?.push(message);
      this.wake();
    });
    child.once('exit', (code, signal) => {
      if (code !== 0 || !this.stopping)
        this.failures.push(
          `${system} worker exited ${code ?? signal}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`,
        );
      this.wake();
    });
    this.children.push(child);
  }

  /** Resolves with each process's first message of this kind, once every process sent one. */
  private async waitFor(kind: WorkerMessage['kind']): Promise<WorkerMessage[]> {
    const deadline = performance.now() + STEP_TIMEOUT_MS;
    for (;;) {
      this.assertRunning();
      const found = this.children.map((c) => this.received.get(c)?.find((m) => m.kind === kind));
      if (found.every((m) => m !== undefined)) return found as WorkerMessage[];
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new Error(`${this.options.system} workers: no '${kind}' in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
