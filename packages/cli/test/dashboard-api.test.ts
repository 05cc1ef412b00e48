import { request } from 'node:http';
import { join } from 'node:path';
import { isWorkError } from '@workmanager-ts/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from '../src/dashboard/dashboard-server.js';
import type { WorkTransition } from '../src/live-work-feed.js';
import { LiveWorkFeed } from '../src/live-work-feed.js';
import type { WorkChain } from '../src/work-chain.js';
import { WorkConsole } from '../src/work-console.js';
import type { WorkPage } from '../src/work-filter.js';
import type { WorkStats } from '../src/work-stats.js';
import type { WorkView } from '../src/work-view.js';
import { tempFolder } from './cli-process.js';

const folder = tempFolder('wm-dash');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => folder.remove());

const TOKEN = 'correct-horse-battery-staple';

/** What GET /api/state answers. */
interface StateBody {
  readonly version: number;
  readonly stats: WorkStats;
  readonly page: WorkPage;
  readonly transitions: readonly WorkTransition[];
}

/** What the other routes answer (and every error). */
interface ApiBody {
  readonly work?: WorkView;
  readonly chain?: WorkChain;
  readonly cancelled?: string[];
  readonly pruned?: string[];
  readonly error?: { readonly code: string; readonly message: string };
}

async function getState(url: string): Promise<StateBody> {
  return (await (await fetch(url)).json()) as StateBody;
}

async function body(response: Response | Promise<Response>): Promise<ApiBody> {
  return (await (await response).json()) as ApiBody;
}

async function open(
  name: string,
  options: { token?: string } = {},
): Promise<{ dashboard: Dashboard; work: WorkConsole; feed: LiveWorkFeed }> {
  const work = WorkConsole.open({ filename: join(folder.path, name), pollIntervalMillis: 50 });
  const feed = await LiveWorkFeed.start(work.store, await work.workManager());
  const dashboard = await startDashboard({ console: work, feed, port: 0, ...options });
  cleanups.push(async () => {
    await dashboard.close();
    feed.close();
    await work.close();
  });
  return { dashboard, work, feed };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A GET with a forged Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard server', () => {
  it('CLI-11 serves one self-contained page under a strict CSP, with the database path escaped', async () => {
    const hostile = '<img src=x onerror=alert(1)>"db\'.db';
    const { dashboard } = await open(hostile);
    const response = await fetch(dashboard.url);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline|https?:/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;db&#39;.db');
    expect(html).not.toMatch(/<(script|link)[^>]+src=/); // nothing loaded from elsewhere
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
    expect(html).toContain(`<script nonce="${nonce}">`);
  });

  it('CLI-12 the API lists, pages and shows works with their chain; actions cancel and prune', async () => {
    const { dashboard, work } = await open('api.db');
    const chain = await work.enqueue({ worker: 'a', then: ['b', 'c'], tags: ['t1'] });
    for (let i = 0; i < 25; i++) await work.enqueue({ worker: `single-${i}` });
    const first = await getState(`${dashboard.url}api/state?page=1`);
    expect(first.stats.total).toBe(28);
    expect(first.page).toMatchObject({ total: 28, page: 1, pageSize: 20, pageCount: 2 });
    expect(first.page.works[0]!.worker).toBe('single-24'); // newest first
    const second = await getState(`${dashboard.url}api/state?page=2&tag=t1`);
    expect(second.page).toMatchObject({ total: 3, page: 1 }); // clamped to the last page
    const filtered = await getState(`${dashboard.url}api/state?state=BLOCKED`);
    expect(filtered.page.works.map((w) => w.worker)).toEqual(['c', 'b']);
    const bad = await fetch(`${dashboard.url}api/state?state=NOPE`);
    expect(bad.status).toBe(400);
    expect((await body(bad)).error?.code).toBe('INVALID_QUERY');

    const detail = await body(fetch(`${dashboard.url}api/works/${chain[1]!.id}`));
    expect(detail.work?.worker).toBe('b');
    expect(detail.chain?.nodes).toHaveLength(3);
    expect(detail.chain?.edges).toHaveLength(2);
    expect((await fetch(`${dashboard.url}api/works/nope`)).status).toBe(404);

    const cancelled = await post(`${dashboard.url}api/cancel`, { tag: 't1' });
    expect(await body(cancelled)).toEqual({ cancelled: chain.map((w) => w.id) });
    const after = await getState(`${dashboard.url}api/state?state=CANCELLED`);
    expect(after.page.total).toBe(3); // the action re-queried before answering
    const pruned = await body(post(`${dashboard.url}api/prune`, {}));
    expect(pruned.pruned).toHaveLength(3);
    for (const invalid of [{}, { id: 'x', tag: 'y' }, { id: '' }, { id: 7 }, { all: true }]) {
      const refused = await post(`${dashboard.url}api/cancel`, invalid);
      expect(refused.status).toBe(400);
      expect((await body(refused)).error?.code).toBe('INVALID_REQUEST');
    }
  });

  it('CLI-13 refuses forged hosts, cross-site actions and non-JSON actions', async () => {
    const { dashboard, work } = await open('guard.db');
    await work.enqueue({ worker: 'keep-me' });
    expect(await getWithHost(`${dashboard.url}api/state`, 'evil.example:80')).toBe(403);
    expect(
      await getWithHost(`${dashboard.url}api/state`, `localhost:${new URL(dashboard.url).port}`),
    ).toBe(200);
    const crossSite = await post(
      `${dashboard.url}api/cancel`,
      { all: true },
      { origin: 'http://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${dashboard.url}api/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'tag=keep-me',
    });
    expect(form.status).toBe(415);
    const getAction = await fetch(`${dashboard.url}api/cancel?tag=keep-me`);
    expect(getAction.status).toBe(404);
    expect((await work.stats()).counts.ENQUEUED).toBe(1);
  });

  it('CLI-14 with a token, every API call and action needs it; off loopback a token is required', async () => {
    const { dashboard, work } = await open('token.db', { token: TOKEN });
    const [id] = (await work.enqueue({ worker: 'guarded' })).map((w) => w.id);
    expect((await fetch(dashboard.url)).status).toBe(200); // the page holds no data
    expect((await fetch(`${dashboard.url}api/state`)).status).toBe(401);
    expect((await fetch(`${dashboard.url}api/events`)).status).toBe(401);
    const wrong = await fetch(`${dashboard.url}api/state`, {
      headers: { 'x-workmanager-token': `${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    expect(
      (await fetch(`${dashboard.url}api/state`, { headers: { 'x-workmanager-token': TOKEN } }))
        .status,
    ).toBe(200);
    expect((await fetch(`${dashboard.url}api/state?token=${TOKEN}`)).status).toBe(200);
    expect((await post(`${dashboard.url}api/cancel?token=${TOKEN}`, { id })).status).toBe(401);
    expect((await post(`${dashboard.url}api/cancel`, { id })).status).toBe(401);
    expect((await work.get(id!)).state).toBe('ENQUEUED');
    const allowed = await post(
      `${dashboard.url}api/cancel`,
      { id },
      { 'x-workmanager-token': TOKEN },
    );
    expect(await body(allowed)).toEqual({ cancelled: [id] });

    const work2 = WorkConsole.open({ filename: join(folder.path, 'open.db') });
    cleanups.push(() => work2.close());
    const feed = await LiveWorkFeed.open(work2.store);
    for (const [host, token] of [
      ['0.0.0.0', undefined],
      ['192.0.2.1', undefined],
      ['0.0.0.0', 'short'],
    ] as const) {
      const error = await startDashboard({
        console: work2,
        feed,
        host,
        port: 0,
        ...(token ? { token } : {}),
      }).catch((e: unknown) => e);
      expect(isWorkError(error, 'INVALID_REQUEST')).toBe(true);
    }
  });

  it('CLI-15 pushes a change event over SSE when another process writes to the database', async () => {
    const { dashboard } = await open('sse.db');
    const response = await fetch(`${dashboard.url}api/events`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const nextEvent = async (): Promise<{ version: number }> => {
      for (;;) {
        const end = received.indexOf('\n\n');
        if (end >= 0) {
          const event = received.slice(0, end);
          received = received.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event);
          if (data) return JSON.parse(data[1]!) as { version: number };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        received += value;
      }
    };
    const initial = await nextEvent();
    // Another connection (as another process would) writes; the dashboard's poll notices.
    const other = WorkConsole.open({ filename: join(folder.path, 'sse.db') });
    await other.enqueue({ worker: 'from-elsewhere' });
    await other.close();
    const change = await nextEvent();
    expect(change.version).toBeGreaterThan(initial.version);
    const state = await getState(`${dashboard.url}api/state`);
    expect(state.page.works.map((w) => w.worker)).toEqual(['from-elsewhere']);
    expect(state.transitions.at(-1)).toMatchObject({
      worker: 'from-elsewhere',
      from: null,
      to: 'ENQUEUED',
    });
    await reader.cancel();
  });
});
