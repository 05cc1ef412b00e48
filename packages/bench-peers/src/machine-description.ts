import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** The load average (1, 5, 15 min), for the setup lines of a benchmark report. */
export function loadLine(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

/** CPU, cores, memory and Node version, for the setup lines of a benchmark report. */
export function machineLine(): string {
  return `${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}
