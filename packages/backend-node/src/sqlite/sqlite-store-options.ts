/**
 * How to open a SQLite work store. Only `filename` is required; the defaults favour
 * durability (every acknowledged commit survives power loss) over raw speed.
 */
export interface SqliteStoreOptions {
  /** The database file. WAL needs a real file, so `:memory:` is refused. */
  readonly filename: string;
  /**
   * `full` (default): `synchronous = FULL`, an acknowledged transaction survives a machine
   * crash. `normal`: `synchronous = NORMAL`, it survives a process crash only — several times
   * faster when commits are small.
   */
  readonly durability?: 'full' | 'normal';
  /**
   * How long SQLite itself may wait for another connection's write lock, in ms (default 5).
   * That wait blocks the event loop, so it is kept short: longer contention is handled by
   * retrying the whole batch later on a timer (see {@link maxBusyRetries}).
   */
  readonly busyTimeoutMillis?: number;
  /**
   * How many times a batch that finds the database locked by another process is retried, with
   * exponential backoff from 1 ms up to 250 ms, before its calls reject with `STORE_BUSY`
   * (default 16, about 2.5 s in all).
   */
  readonly maxBusyRetries?: number;
  /** Open for reading only: every write rejects with `STORE_READ_ONLY`. */
  readonly readonly?: boolean;
  /**
   * An upper bound on the file size in pages (SQLite's `max_page_count`), for a store that
   * must not fill the disk; a write beyond it rejects with `STORE_FULL`. Default: no bound.
   */
  readonly maxPageCount?: number;
  /**
   * When queued `transact` calls are flushed into one transaction: `immediate` (default,
   * `setImmediate`) waits for the current turn of the event loop so more calls share one
   * commit; `microtask` (`queueMicrotask`) flushes sooner with smaller batches.
   */
  readonly flushScheduling?: 'immediate' | 'microtask';
}

/** The options with every default filled in; what the runner actually uses. */
export interface ResolvedSqliteStoreOptions {
  readonly filename: string;
  readonly durability: 'full' | 'normal';
  readonly busyTimeoutMillis: number;
  readonly maxBusyRetries: number;
  readonly readonly: boolean;
  readonly maxPageCount: number | undefined;
  readonly flushScheduling: 'immediate' | 'microtask';
}

/** Fills in the documented defaults of {@link SqliteStoreOptions}. */
export function resolveSqliteStoreOptions(options: SqliteStoreOptions): ResolvedSqliteStoreOptions {
  return {
    filename: options.filename,
    durability: options.durability ?? 'full',
    busyTimeoutMillis: options.busyTimeoutMillis ?? 5,
    maxBusyRetries: options.maxBusyRetries ?? 16,
    readonly: options.readonly ?? false,
    maxPageCount: options.maxPageCount,
    flushScheduling: options.flushScheduling ?? 'immediate',
  };
}
