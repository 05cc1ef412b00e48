import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WorkView } from '../src/work-view.js';
import {
  cli,
  cliInProcess,
  killLiveClis,
  type LiveCli,
  startCli,
  TEST_WORKERS,
  tempFolder,
} from './cli-process.js';

/** Debian's chromium (scripts/ci-setup.sh installs it); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots go to the docs only when asked (UPDATE_SCREENSHOTS=1), else to a temp folder. */
const DOCS_IMAGES = fileURLToPath(new URL('../docs/images/', import.meta.url));

const folder = tempFolder('wm-browser');
let context: BrowserContext | null = null;
afterEach(async () => {
  await context?.close();
  context = null;
  killLiveClis();
});
afterAll(() => folder.remove());

const HOSTILE_TAG = '<img src=x onerror="window.__xss=1">';
const HOSTILE_NAME = '"><script>window.__xss=2</script>';
const HOSTILE_INPUT = '{"note":"</pre><svg onload=window.__xss=3>"}';

async function launch(): Promise<Page> {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: run packages/cli/scripts/ci-setup.sh`).toBe(
    true,
  );
  context = await chromium.launchPersistentContext(join(folder.path, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

function screenshotPath(name: string): string {
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    return join(DOCS_IMAGES, name);
  }
  return join(folder.path, name);
}

const row = (id: string): string => `[data-testid="work-row"][data-id="${id}"]`;

async function enqueue(db: string, ...args: string[]): Promise<WorkView[]> {
  const result = await cliInProcess(['enqueue', ...args, '--db', db, '--json']);
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { enqueued: WorkView[] }).enqueued;
}

describe('the dashboard in headless Chromium', () => {
  it('CLI-16 enqueue from the CLI, see it appear live, open its chain, cancel it from the page', async () => {
    const db = join(folder.path, 'browser.db');
    await enqueue(db, 'quick', '--input', '{"value":"warm-up"}');
    const dashboard = startCli(['dashboard', '--db', db, '--port', '0', '--poll', '100']);
    const runner: LiveCli = startCli([
      'run',
      TEST_WORKERS,
      '--db',
      db,
      '--concurrency',
      '4',
      '--grace',
      '100ms',
    ]);
    const url = (await dashboard.waitForLine(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/$/)).slice(
      'dashboard: '.length,
    );
    await runner.waitForLine(/^ready: /);
    const page = await launch();
    await page.goto(url);
    await page.waitForSelector('[data-testid="live-status"][data-live="true"]');

    // Background work so every view has something to show.
    const progress = (
      await enqueue(db, 'progress', '--input', '{"percent":65}', '--tag', 'thumbnails')
    )[0]!;
    await enqueue(db, 'quick', '--tag', 'thumbnails', '--input', '{"value":"a"}');
    await enqueue(db, 'fail', '--tag', 'reports');
    await enqueue(db, 'quick', '--delay', '2h', '--tag', 'nightly');
    await enqueue(db, 'report', '--periodic', '1h', '--unique', 'hourly-report');

    // The chain, enqueued by the real bin while the page is open, with hostile strings.
    const enqueued = await cli([
      'enqueue',
      'quick',
      '--db',
      db,
      '--input',
      HOSTILE_INPUT,
      '--tag',
      HOSTILE_TAG,
      '--unique',
      HOSTILE_NAME,
      '--then',
      'untilStopped',
      '--then',
      'quick',
    ]);
    expect(enqueued.code).toBe(0);
    const [first, middle, last] = enqueued.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[1]!);
    expect([first, middle, last].every((id) => /^[0-9a-f-]{36}$/.test(id!))).toBe(true);

    // It appears live (no reload) and moves on as the run process works.
    await page.waitForSelector(row(first!));
    await page.waitForSelector(`${row(middle!)}[data-state="RUNNING"]`);
    await page.waitForSelector(`${row(progress.id)}[data-state="RUNNING"]`);
    await page.waitForSelector('[data-testid="count-FAILED"] .n:text-is("1")');
    await page.waitForSelector('[data-testid="count-SUCCEEDED"] .n:text-is("3")');
    await page.screenshot({ path: screenshotPath('dashboard-overview.png'), fullPage: true });

    // Open the chain from the running middle step.
    await page.click(row(middle!));
    await page.waitForSelector(`[data-testid="detail-id"]:text-is("${middle}")`);
    const nodes = page.locator('[data-testid="chain-node"]');
    await expect.poll(() => nodes.count()).toBe(3);
    expect(await page.locator('[data-testid="chain-edge"]').count()).toBe(2);
    const nodeStates = async (): Promise<(string | null)[]> =>
      Promise.all(
        [first, middle, last].map((id) =>
          page.locator(`[data-testid="chain-node"][data-id="${id}"]`).getAttribute('data-state'),
        ),
      );
    expect(await nodeStates()).toEqual(['SUCCEEDED', 'RUNNING', 'BLOCKED']);

    // Every user string is shown as text, never run as markup.
    expect(await page.textContent('[data-testid="detail-tags"]')).toBe(HOSTILE_TAG);
    expect(await page.textContent('[data-testid="detail-name"]')).toBe(HOSTILE_NAME);
    expect(await page.textContent(`${row(middle!)} [data-testid="work-tags"]`)).toBe(HOSTILE_TAG);
    await page.click(`[data-testid="chain-node"][data-id="${first}"]`);
    await page.waitForSelector(`[data-testid="detail-id"]:text-is("${first}")`);
    expect(JSON.parse((await page.textContent('[data-testid="detail-input"]'))!)).toEqual(
      JSON.parse(HOSTILE_INPUT),
    );
    // A string expression: the test project has no DOM typings.
    const injected = await page.evaluate(`({
      xss: window.__xss ?? null,
      images: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      svgsWithHandlers: document.querySelectorAll('svg[onload]').length,
    })`);
    expect(injected).toEqual({ xss: null, images: 0, scripts: 1, svgsWithHandlers: 0 });

    await page.click(`[data-testid="chain-node"][data-id="${middle}"]`);
    await page.waitForSelector(`[data-testid="detail-id"]:text-is("${middle}")`);
    await page.screenshot({ path: screenshotPath('dashboard-chain.png'), fullPage: true });

    // Cancel from the page: the run process stops the worker; the page shows the new states.
    await page.click('[data-testid="cancel-work"]');
    await page.waitForSelector('[data-testid="detail-state"] [data-state="CANCELLED"]');
    await expect.poll(nodeStates).toEqual(['SUCCEEDED', 'CANCELLED', 'CANCELLED']);
    await page.waitForSelector('[data-testid="notice"]:text("Cancelled 2 work(s)")');
    await runner.waitForLine(new RegExp(`^worker-stopped ${middle} 1$`));
    expect(await page.textContent('[data-testid="detail-stop-reason"]')).toBe(
      'CANCELLED_BY_APP (1)',
    );
    await page.waitForSelector(`${row(middle!)}[data-state="CANCELLED"]`);
    await page.waitForSelector('[data-testid="timeline-run"]');
    await page.screenshot({ path: screenshotPath('dashboard-cancelled.png'), fullPage: true });

    // The CLI sees what the page did.
    const shown = await cliInProcess(['show', middle!, '--db', db, '--json']);
    expect(JSON.parse(shown.stdout).work).toMatchObject({ state: 'CANCELLED', stopReason: 1 });

    // Filter by state from the counts, and by tag.
    await page.click('[data-testid="count-FAILED"]');
    await expect.poll(() => page.locator('[data-testid="work-row"]').count()).toBe(1);
    await page.click('[data-testid="count-ALL"]');
    await page.fill('[data-testid="filter-tag"]', 'thumbnails');
    await expect.poll(() => page.locator('[data-testid="work-row"]').count()).toBe(2);

    runner.child.kill('SIGINT');
    dashboard.child.kill('SIGINT');
    expect((await dashboard.exited).code).toBe(0);
    expect((await runner.exited).code).toBe(0);
  });

  it('CLI-17 a dashboard with a token: the page signs in from #token=, without it actions fail', async () => {
    const db = join(folder.path, 'token.db');
    const [work] = await enqueue(db, 'quick', '--tag', 'keep');
    const token = 'a-long-enough-dashboard-token';
    const dashboard = startCli(['dashboard', '--db', db, '--port', '0', '--token', token]);
    const url = (await dashboard.waitForLine(/^dashboard: /)).slice('dashboard: '.length);
    const page = await launch();
    await page.goto(url);
    await page.waitForSelector('[data-testid="notice"]:text("needs its token")');
    expect(await page.locator('[data-testid="work-row"]').count()).toBe(0);
    await page.goto(`${url}#token=${token}`);
    await page.waitForSelector(row(work!.id));
    expect(page.url()).toBe(url); // the token left the address bar
    await page.click(row(work!.id));
    await page.click('[data-testid="cancel-work"]');
    await page.waitForSelector(`${row(work!.id)}[data-state="CANCELLED"]`);
    dashboard.child.kill('SIGTERM');
    expect((await dashboard.exited).code).toBe(0);
  });
});
