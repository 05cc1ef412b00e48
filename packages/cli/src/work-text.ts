import { formatDuration, formatInstant } from './duration-text.js';
import { renderTable } from './text-table.js';
import type { WorkChain } from './work-chain.js';
import { progressBar, progressFraction } from './work-progress.js';
import type { WorkView } from './work-view.js';

/** The list table `list` prints; `watch` adds a progress column. */
export function worksTable(works: readonly WorkView[], now: number, withProgress = false): string {
  const headers = ['ID', 'WORKER', 'STATE', 'ATTEMPTS', ...(withProgress ? ['PROGRESS'] : [])];
  const rows = works.map((w) => {
    const fraction = progressFraction(w.progress);
    return [
      w.id,
      w.worker,
      w.state,
      String(w.runAttemptCount),
      ...(withProgress ? [fraction === null ? '' : progressBar(fraction)] : []),
      w.nextRunAt === null ? '' : formatInstant(w.nextRunAt, now).replace(/^.*\(|\)$/g, ''),
      w.tags.join(','),
      w.uniqueName ?? '',
    ];
  });
  return renderTable([...headers, 'NEXT RUN', 'TAGS', 'UNIQUE NAME'], rows);
}

/** The block `show` prints for one work and its chain. */
export function workDetailText(work: WorkView, chain: WorkChain, now: number): string {
  const fraction = progressFraction(work.progress);
  const kind = work.periodic
    ? `periodic every ${formatDuration(work.periodic.intervalMillis)} (flex ${formatDuration(work.periodic.flexMillis)}), ${work.periodic.periodCount} periods done`
    : 'one-time';
  const lines: [string, string][] = [
    ['id', work.id],
    ['worker', work.worker],
    ['state', work.state],
    ['unique name', work.uniqueName ?? '—'],
    ['tags', work.tags.join(', ') || '—'],
    ['attempts', String(work.runAttemptCount)],
    ['kind', kind],
    ['next run', formatInstant(work.nextRunAt, now)],
    ['last enqueued', formatInstant(work.lastEnqueueTime, now)],
    ['stop reason', `${work.stopReasonName} (${work.stopReason})`],
    ['run owner', work.runOwner ?? '—'],
    ['input', JSON.stringify(work.input)],
    ['output', JSON.stringify(work.output)],
    [
      'progress',
      `${JSON.stringify(work.progress)}${fraction === null ? '' : `  ${progressBar(fraction)}`}`,
    ],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  const block = lines.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
  const short = (id: string): string => id.slice(0, 8);
  const chainLines = chain.nodes.map((node) => {
    const after = node.work.prerequisites.map(short).join(', ');
    const mark = node.work.id === work.id ? '*' : ' ';
    return `${mark} ${'  '.repeat(node.level)}${node.work.id}  ${node.work.worker}  ${node.work.state}${after ? `  after ${after}` : ''}`;
  });
  return `${block}\n\nchain (${chain.nodes.length} ${chain.nodes.length === 1 ? 'work' : 'works'}):\n${chainLines.join('\n')}`;
}
