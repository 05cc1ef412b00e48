/** What the runner tells a worker process. */
export type RunnerMessage = { readonly kind: 'start' } | { readonly kind: 'stop' };

/** What a worker process tells the runner. */
export type WorkerMessage =
  /** Connections are open; no job taken yet. */
  | { readonly kind: 'ready' }
  /** The worker runs; `startMillis` is how long starting it took. */
  | { readonly kind: 'started'; readonly startMillis: number }
  /** A job carrying an enqueue time started, `latencyMillis` after that time. */
  | { readonly kind: 'ran'; readonly latencyMillis: number }
  | { readonly kind: 'failed'; readonly message: string };
