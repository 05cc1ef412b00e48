import type { SystemMedians } from './report-table.js';

const WIDTH = 960;
const ROW = 26;
const LABEL = 300;
const xmlText = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function panel(
  title: string,
  top: number,
  bars: { label: string; value: number; ours: boolean }[],
  scale: (v: number) => number,
  format: (v: number) => string,
  ticks: number[],
  tickFormat: (v: number) => string = format,
): { svg: string; height: number } {
  const plot = WIDTH - LABEL - 90;
  const parts = [`<text x="10" y="${top + 18}" font-weight="bold">${xmlText(title)}</text>`];
  const y0 = top + 30;
  for (const t of ticks) {
    const x = LABEL + scale(t) * plot;
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${y0}" x2="${x.toFixed(1)}" y2="${y0 + bars.length * ROW}" stroke="#ddd"/>`,
      `<text x="${x.toFixed(1)}" y="${y0 + bars.length * ROW + 14}" font-size="10" text-anchor="middle" fill="#666">${xmlText(tickFormat(t))}</text>`,
    );
  }
  bars.forEach((b, i) => {
    const y = y0 + i * ROW;
    const w = Math.max(1, scale(b.value) * plot);
    parts.push(
      `<text x="${LABEL - 8}" y="${y + 17}" text-anchor="end">${xmlText(b.label)}</text>`,
      `<rect x="${LABEL}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${b.ours ? '#2a7ab0' : '#b0b0b0'}"/>`,
      `<text x="${(LABEL + w + 6).toFixed(1)}" y="${y + 17}">${xmlText(format(b.value))}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: 30 + bars.length * ROW + 30 };
}

/**
 * An SVG bar chart of burn-down throughput (linear) and add-to-start p50/p99 latency (log
 * scale, since poll-based peers are hundreds of times slower), written without a chart library.
 */
export function burnDownChart(rows: readonly SystemMedians[], subtitle: string): string {
  const measured = rows.filter((r) => r.medians);
  const burn = measured.map((r) => ({
    label: r.system.label,
    value: r.medians?.['worker-burn-down'] ?? 0,
    ours: r.system.compareWith === null,
  }));
  const maxBurn = Math.max(1, ...burn.map((b) => b.value));
  const burnStep = 10 ** Math.floor(Math.log10(maxBurn));
  const burnTicks = Array.from(
    { length: Math.floor(maxBurn / burnStep) + 1 },
    (_, i) => i * burnStep,
  );
  const first = panel(
    'worker-burn-down: no-op jobs/s, end to end (higher is better)',
    30,
    burn,
    (v) => v / maxBurn,
    (v) => Math.round(v).toLocaleString('en-US'),
    burnTicks,
  );
  const latency = measured.flatMap((r) => [
    {
      label: `${r.system.label} p50`,
      value: r.medians?.['latency-p50'] ?? 0,
      ours: r.system.compareWith === null,
    },
    {
      label: `${r.system.label} p99`,
      value: r.medians?.['latency-p99'] ?? 0,
      ours: r.system.compareWith === null,
    },
  ]);
  const lo = 0.01;
  const hi = Math.max(10, ...latency.map((l) => l.value)) * 1.2;
  const logScale = (v: number) =>
    (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  const latTicks = [0.01, 0.1, 1, 10, 100, 1000].filter((t) => t <= hi);
  const second = panel(
    'add-to-start latency, ms, log scale (lower is better)',
    30 + first.height,
    latency,
    logScale,
    (v) => (v < 10 ? v.toFixed(2) : v.toFixed(0)),
    latTicks,
    (v) => String(v),
  );
  const height = 30 + first.height + second.height + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12" role="img">`,
    '<title>Worker burn-down throughput and add-to-start latency of workmanager-ts and the peer job queues</title>',
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="11" fill="#444">${xmlText(subtitle)}</text>`,
    first.svg,
    second.svg,
    '</svg>',
    '',
  ].join('\n');
}
