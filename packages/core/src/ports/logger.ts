/**
 * Where the library reports what it changed or ignored on the caller's behalf (normalised
 * request values, ignored results). Injected; the default writes warnings and errors to the
 * console and drops debug output.
 */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Warnings and errors to the console; debug dropped. */
export const consoleLogger: Logger = {
  debug: () => {},
  warn: (message, details) => console.warn(`[workmanager-ts] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[workmanager-ts] ${message}`, details ?? ''),
};

/** Drops everything: for tests and benchmarks that check warnings some other way. */
export const silentLogger: Logger = { debug: () => {}, warn: () => {}, error: () => {} };
