import type { Logger } from '../ports/logger.js';

/** Holds log lines until the operation that wrote them has committed. */
export class DeferredLogger implements Logger {
  private lines: [keyof Logger, string, Record<string, unknown> | undefined][] = [];
  debug(message: string, details?: Record<string, unknown>): void {
    this.lines.push(['debug', message, details]);
  }
  warn(message: string, details?: Record<string, unknown>): void {
    this.lines.push(['warn', message, details]);
  }
  error(message: string, details?: Record<string, unknown>): void {
    this.lines.push(['error', message, details]);
  }
  clear(): void {
    this.lines = [];
  }
  replay(logger: Logger): void {
    for (const [level, message, details] of this.lines) logger[level](message, details);
  }
}
