import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wm-examples-'));
  dirs.push(dir);
  return dir;
}

/** Runs a TypeScript file the way `npm start` does; resolves with its output and exit code. */
function runScript(
  file: string,
  env: Record<string, string>,
  onOutput?: (text: string, child: ChildProcess) => void,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      onOutput?.(output, child);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => done({ code, output }));
  });
}

describe('examples that the README shows', () => {
  it('the README shows each example file exactly as it is', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const file of ['examples/readme/api.ts', 'examples/readme/testing.ts']) {
      expect(readme, file).toContain(readFileSync(join(root, file), 'utf8'));
    }
  });

  it('the API example runs a chain to SUCCEEDED on a SQLite file', async () => {
    const { code, output } = await runScript('examples/readme/api.ts', {
      WORK_DB: join(tempDir(), 'work.db'),
    });
    expect(code).toBe(0);
    expect(output).toContain('upload: SUCCEEDED');
    expect(output).toContain('uploaded 2 thumbnails');
  }, 60_000);

  it('the testing example runs a two-hour delay in virtual time', async () => {
    const { code, output } = await runScript('examples/readme/testing.ts', {});
    expect(code).toBe(0);
    expect(output).toContain('after 2 virtual hours: SUCCEEDED');
  }, 60_000);
});

describe('the demo service (npm start)', () => {
  it('runs the pipeline to the end and prints a summary', async () => {
    const { code, output } = await runScript('examples/photo-pipeline/main.ts', {
      DEMO_DATA_DIR: tempDir(),
    });
    expect(code).toBe(0);
    expect(output).toMatch(
      /Summary after .*: 10 works — 10 succeeded, 0 failed, 0 cancelled, 0 unfinished/,
    );
  }, 60_000);

  it('stops on Ctrl-C and resumes the unfinished work on the next start', async () => {
    const dataDir = tempDir();
    let interrupted = false;
    const first = await runScript(
      'examples/photo-pipeline/main.ts',
      { DEMO_DATA_DIR: dataDir },
      (text, child) => {
        if (!interrupted && text.includes('download') && text.includes('RUNNING 25%')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(first.code).toBe(0);
    expect(first.output).toContain('Stopping: running work is stopped');
    expect(first.output).toMatch(/unfinished/);
    const second = await runScript('examples/photo-pipeline/main.ts', { DEMO_DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    // The interrupted pipeline resumed (KEEP) instead of starting over; the APPEND sync chain
    // grew by three; everything finished.
    expect(second.output).toMatch(
      /Summary after .*: 13 works — 13 succeeded, 0 failed, 0 cancelled, 0 unfinished/,
    );
  }, 90_000);
});
