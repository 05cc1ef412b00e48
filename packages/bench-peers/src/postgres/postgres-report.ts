import type { ClaimCostResult, OperationLatency } from './claim-cost.js';
import type { QueueSystemId } from './postgres-queue-system.js';

/** One measured figure per system, for one scenario. */
export interface ComparisonRow {
  readonly scenario: string;
  readonly unit: string;
  /** Latencies: lower is better. Rates: higher is better. */
  readonly lowerIsBetter: boolean;
  /** `null`: the system failed this scenario. */
  readonly values: Readonly<Record<QueueSystemId, number | null>>;
  /** Systems whose figure carries a footnote mark (`*`). */
  readonly marked?: ReadonlySet<QueueSystemId>;
}

const PEERS: readonly QueueSystemId[] = ['pg-boss', 'graphile-worker'];

/** Rates as integers with separators; latencies with two decimals below 10 ms. */
export function formatValue(value: number | null, lowerIsBetter: boolean): string {
  if (value === null || !Number.isFinite(value)) return 'failed';
  if (lowerIsBetter) return value < 10 ? value.toFixed(2) : value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

function ratio(ours: number | null, peer: number | null): string {
  if (
    ours === null ||
    peer === null ||
    !Number.isFinite(ours) ||
    !Number.isFinite(peer) ||
    peer === 0
  )
    return 'n/a';
  return `${(ours / peer).toFixed(2)}×`;
}

/**
 * The side-by-side table: one row per scenario, one column per system, then ours / pg-boss
 * and ours / graphile-worker (above 1 is better for rates, below 1 for latencies).
 */
export function comparisonTable(rows: readonly ComparisonRow[]): string {
  const lines = [
    '| scenario | unit | workmanager-ts | pg-boss | graphile-worker | ours / pg-boss | ours / graphile-worker |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const ours = row.values['workmanager-ts'];
    const cell = (id: QueueSystemId) =>
      `${formatValue(row.values[id], row.lowerIsBetter)}${row.marked?.has(id) ? ' *' : ''}`;
    lines.push(
      `| ${row.scenario} | ${row.unit} | ${cell('workmanager-ts')} | ${PEERS.map(cell).join(' | ')} | ${PEERS.map((p) => ratio(ours, row.values[p])).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** The claim-cost table: each operation's p50/p99 on the small and on the large store. */
export function claimCostTable(
  small: ClaimCostResult | null,
  large: ClaimCostResult | null,
): string {
  const stored = (r: ClaimCostResult | null, fallback: string) =>
    r ? `${r.storedWorks.toLocaleString('en-US')} works` : fallback;
  const lines = [
    `| workmanager-ts store call (ms) | ${stored(small, 'small store')} | ${stored(large, 'large store')} | large / small |`,
    '|---|---:|---:|---:|',
  ];
  const operations: [string, (r: ClaimCostResult) => OperationLatency][] = [
    ['claimWork, limit 1', (r) => r.claimOne],
    ['claimWork, limit 32', (r) => r.claimMany],
    ['concludeRun (success), per work', (r) => r.conclude],
  ];
  for (const [name, pick] of operations) {
    for (const q of ['p50', 'p99'] as const) {
      const a = small ? pick(small)[q] : null;
      const b = large ? pick(large)[q] : null;
      lines.push(
        `| ${name} ${q} | ${formatValue(a, true)} | ${formatValue(b, true)} | ${ratio(b, a)} |`,
      );
    }
  }
  return lines.join('\n');
}
