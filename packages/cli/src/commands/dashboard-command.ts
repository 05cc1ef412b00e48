import { WorkError } from '@workmanager-ts/core';
import type { CliOutput } from '../cli-output.js';
import { assertSafeBinding } from '../dashboard/dashboard-access.js';
import { startDashboard } from '../dashboard/dashboard-server.js';
import { LiveWorkFeed } from '../live-work-feed.js';
import { nextStopSignal } from '../stop-signal.js';
import { WorkConsole } from '../work-console.js';

/** The options of `workmanager dashboard`. */
export interface DashboardCommandOptions {
  readonly db: string;
  readonly port: string;
  readonly host: string;
  readonly token?: string;
  readonly poll: string;
}

/**
 * `dashboard`: serves the live web dashboard for the database until Ctrl-C. Prints the
 * address as its first stdout line (`dashboard: http://127.0.0.1:8080/`).
 */
export async function dashboardCommand(
  options: DashboardCommandOptions,
  output: CliOutput,
): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new WorkError('INVALID_REQUEST', `--port must be 0..65535, got ${options.port}.`);
  }
  const poll = Number(options.poll);
  if (!Number.isInteger(poll) || poll < 20) {
    throw new WorkError('INVALID_REQUEST', `--poll must be at least 20 (ms), got ${options.poll}.`);
  }
  const token = options.token ?? process.env.WORKMANAGER_TOKEN;
  assertSafeBinding(options.host, token);
  await WorkConsole.use({ filename: options.db, pollIntervalMillis: poll }, async (work) => {
    const feed = await LiveWorkFeed.start(work.store, await work.workManager());
    const dashboard = await startDashboard({
      console: work,
      feed,
      host: options.host,
      port,
      ...(token ? { token } : {}),
    });
    const stopped = nextStopSignal();
    output.out(`dashboard: ${dashboard.url}`);
    if (token) output.err(`open ${dashboard.url}#token=<your token> to sign in`);
    await stopped;
    await dashboard.close();
    feed.close();
  });
}
