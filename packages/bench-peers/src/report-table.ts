import type { PassResult, SystemDescription, Workload, WorkloadSizes } from './bench-system.js';

/** The medians of one system, with the sizes it ran and how many runs succeeded. */
export interface SystemMedians {
  readonly system: SystemDescription;
  readonly sizes: WorkloadSizes;
  readonly medians: PassResult | null;
  readonly runs: number;
  readonly error: string | null;
}

const COLUMNS: { workload: Workload; title: string; lowerIsBetter: boolean; unit: string }[] = [
  {
    workload: 'worker-burn-down',
    title: 'worker-burn-down jobs/s',
    lowerIsBetter: false,
    unit: '',
  },
  { workload: 'latency-p50', title: 'add-to-start p50 ms', lowerIsBetter: true, unit: '' },
  { workload: 'latency-p99', title: 'add-to-start p99 ms', lowerIsBetter: true, unit: '' },
  { workload: 'queue-add', title: 'queue-add adds/s', lowerIsBetter: false, unit: '' },
  { workload: 'queue-add-bulk', title: 'queue-add-bulk adds/s', lowerIsBetter: false, unit: '' },
  { workload: 'retry', title: 'retry jobs/s', lowerIsBetter: false, unit: '' },
  { workload: 'chain', title: 'chain steps/s', lowerIsBetter: false, unit: '' },
];

/** Formats a figure: rates as integers with thin separators, latencies with two decimals below 10 ms. */
export function formatFigure(workload: Workload, value: number): string {
  if (workload.startsWith('latency')) return value < 10 ? value.toFixed(2) : value.toFixed(0);
  return Math.round(value).toLocaleString('en-US');
}

/**
 * How many times ours leads (>1) or trails (<1) on one figure: ours/peer for rates,
 * peer/ours for latencies.
 */
export function leadFactor(workload: Workload, ours: number, peer: number): number {
  return workload.startsWith('latency') ? peer / ours : ours / peer;
}

/** The markdown table: one row per system, each figure with our lead factor at equal durability. */
export function markdownTable(rows: readonly SystemMedians[]): string {
  const byId = new Map(rows.map((r) => [r.system.id, r]));
  const header = `| system | ${COLUMNS.map((c) => c.title).join(' | ')} |`;
  const rule = `|---|${COLUMNS.map(() => '---:').join('|')}|`;
  const lines = rows.map((row) => {
    if (!row.medians) return `| ${row.system.label} | ${COLUMNS.map(() => 'failed').join(' | ')} |`;
    const baseline = row.system.compareWith ? byId.get(row.system.compareWith)?.medians : null;
    const cells = COLUMNS.map((c) => {
      const value = row.medians?.[c.workload] ?? null;
      if (value === null) return 'n/a';
      const ours = baseline?.[c.workload] ?? null;
      const factor =
        ours === null || ours === undefined
          ? ''
          : ` (${leadFactor(c.workload, ours, value).toFixed(2)}×)`;
      return `${formatFigure(c.workload, value)}${factor}`;
    });
    return `| ${row.system.label} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...lines].join('\n');
}

/** The durability, settings and sizes of every system, as a second table. */
export function durabilityTable(rows: readonly SystemMedians[]): string {
  const lines = rows.map((r) => {
    const s = r.sizes;
    const compared = r.system.compareWith
      ? `ours ${r.system.compareWith.replace('workmanager-', '').toUpperCase()}`
      : '—';
    const sizes = `burn ${s.burnN}, add ${s.addN}, bulk ${s.bulkN}, latency ${s.latencyN}, retry ${s.retryN}, chains ${s.chains}×${s.chainLength}`;
    const status = r.error ? ` **failed: ${r.error.replaceAll('|', '/').slice(0, 200)}**` : '';
    return `| ${r.system.label} | ${r.system.durability} | ${compared} | ${r.system.settings} | ${sizes}; ${r.runs} run(s)${status} |`;
  });
  return [
    '| system | durability it really provides here | ratios against | settings | sizes, runs |',
    '|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}

/** A bullet per figure where ours trails the peer at equal durability (lead factor below 1). */
export function trailingFigures(rows: readonly SystemMedians[]): string {
  const byId = new Map(rows.map((r) => [r.system.id, r]));
  const lines: string[] = [];
  for (const row of rows) {
    const baseline = row.system.compareWith ? byId.get(row.system.compareWith)?.medians : null;
    if (!row.medians || !baseline) continue;
    for (const c of COLUMNS) {
      const peer = row.medians[c.workload];
      const ours = baseline[c.workload];
      if (peer === null || ours === null) continue;
      const factor = leadFactor(c.workload, ours, peer);
      if (factor < 1)
        lines.push(
          `- ${c.title}: ${row.system.label} ${formatFigure(c.workload, peer)} against ours ${formatFigure(c.workload, ours)} (${factor.toFixed(2)}×)`,
        );
    }
  }
  return lines.length > 0 ? lines.join('\n') : '- none: ours leads every figure.';
}
