// Starts the real `workmanager` bin for the CLI tests and waits on its output lines.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bin under test, run with the same node as the tests. */
export const BIN = fileURLToPath(new URL('../bin/workmanager.mjs', import.meta.url));
/** The workers module the `run` tests load. */
export const TEST_WORKERS = fileURLToPath(new URL('./fixtures/test-workers.ts', import.meta.url));

/** What a finished CLI call printed and returned. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A CLI process that is still running. */
export interface LiveCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern` (already printed ones count). */
  waitForLine(pattern: RegExp): Promise<string>;
  readonly exited: Promise<CliResult>;
}

const live = new Set<ChildProcess>();

/** Starts `workmanager args...` and returns at once. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): LiveCli {
  const { WORK_DB: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = (): void => {
    const lines = out.split('\n');
    for (const waiter of [...waiters]) {
      const line = lines.find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    check();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<CliResult>((resolve) => {
    child.on('close', (code) => {
      live.delete(child);
      resolve({ code, stdout: out, stderr: err });
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine: (pattern) =>
      new Promise<string>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void exited.then((result) =>
          reject(
            new Error(
              `workmanager ${args.join(' ')} exited (${result.code}) before printing ${pattern}:\n${result.stdout}\n${result.stderr}`,
            ),
          ),
        );
      }),
  };
}

/** Runs `workmanager args...` to completion. */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return startCli(args, env).exited;
}

/** Runs a command that prints JSON and parses its stdout; fails the test on a non-zero exit. */
export async function cliJson<T>(args: readonly string[]): Promise<T> {
  const result = await cli([...args, '--json']);
  if (result.code !== 0) {
    throw new Error(`workmanager ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** Kills every CLI process a test left running (afterEach). */
export function killLiveClis(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** A fresh folder for one test file's databases, removed by the returned function. */
export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Runs the command line in this process, capturing what it prints: the same program the bin
 * runs, without the cost of starting node and compiling the sources for every call.
 */
export async function cliInProcess(args: readonly string[]): Promise<CliResult> {
  const { runCli } = await import('../src/run-cli.js');
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (text) => {
      stdout += `${text}\n`;
    },
    err: (text) => {
      stderr += `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}
