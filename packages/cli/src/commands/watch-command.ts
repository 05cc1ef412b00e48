import { systemClock } from '@workmanager-ts/core';
import type { CliOutput } from '../cli-output.js';
import { LiveWorkFeed } from '../live-work-feed.js';
import { nextStopSignal } from '../stop-signal.js';
import { WorkConsole } from '../work-console.js';
import { matchesFilter, parseStates, type WorkFilter } from '../work-filter.js';
import { statsOf } from '../work-stats.js';
import { worksTable } from '../work-text.js';

/** The options of `workmanager watch`. */
export interface WatchCommandOptions {
  readonly db: string;
  readonly state: readonly string[];
  readonly tag?: string;
  readonly name?: string;
  readonly json?: boolean;
  readonly limit: string;
}

/**
 * `watch`: a live table (with progress bars) redrawn on every change, until Ctrl-C. With
 * `--json` it prints one JSON line per change instead (NDJSON), for scripts.
 */
export async function watchCommand(options: WatchCommandOptions, output: CliOutput): Promise<void> {
  const filter: WorkFilter = {
    states: parseStates(options.state.flatMap((s) => s.split(','))),
    ...(options.tag ? { tag: options.tag } : {}),
    ...(options.name ? { name: options.name } : {}),
  };
  const limit = Math.max(1, Number.parseInt(options.limit, 10) || 30);
  await WorkConsole.use({ filename: options.db, mustExist: true }, async (work) => {
    const feed = await LiveWorkFeed.start(work.store, await work.workManager());
    const stopped = nextStopSignal();
    const tty = process.stdout.isTTY === true && !options.json;
    const draw = (): void => {
      const all = feed.works;
      const shown = all.filter((w) => matchesFilter(w, filter));
      if (options.json) {
        output.out(JSON.stringify({ version: feed.version, stats: statsOf(all), works: shown }));
        return;
      }
      const summary = Object.entries(statsOf(all).counts)
        .map(([state, n]) => `${state} ${n}`)
        .join(' · ');
      const newest = shown.slice(-limit);
      const frame = [
        `workmanager watch — ${work.filename} — ${new Date(systemClock.now()).toISOString()}`,
        summary,
        '',
        newest.length === 0 ? 'no work matches' : worksTable(newest, systemClock.now(), true),
        shown.length > newest.length ? `… and ${shown.length - newest.length} older` : '',
      ].join('\n');
      output.out(tty ? `\u001b[2J\u001b[H${frame}` : `${frame}\n`);
    };
    draw();
    const unsubscribe = feed.subscribe(draw);
    await stopped;
    unsubscribe();
    feed.close();
  });
}
