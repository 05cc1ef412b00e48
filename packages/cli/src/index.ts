/**
 * @workmanager-ts/cli — the `workmanager` command line and the live web dashboard over a
 * SQLite work database. The bin is `bin/workmanager.mjs`; these exports let a service embed
 * the dashboard or reuse the views.
 */
export {
  type Dashboard,
  type DashboardOptions,
  startDashboard,
} from './dashboard/dashboard-server.js';
export { escapeHtml } from './dashboard/html-escape.js';
export { type DrainableStore, drainableStore } from './drainable-store.js';
export { formatDuration, parseDurationArgument } from './duration-text.js';
export { ExitCode, exitCodeFor } from './exit-codes.js';
export {
  type FeedUpdate,
  LiveWorkFeed,
  type RunRecord,
  type WorkTransition,
} from './live-work-feed.js';
export { openPassiveWorkManager } from './passive-work-manager.js';
export { type ChainNode, chainOf, type WorkChain } from './work-chain.js';
export { type EnqueueOrder, WorkConsole, type WorkConsoleOptions } from './work-console.js';
export { pageOf, parseStates, type WorkFilter, type WorkPage } from './work-filter.js';
export { progressFraction } from './work-progress.js';
export { statsOf, type WorkStats } from './work-stats.js';
export { type WorkView, workViewFromSpec } from './work-view.js';
