import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CancelSelector, isWorkError, WorkError } from '@workmanager-ts/core';
import type { LiveWorkFeed } from '../live-work-feed.js';
import type { WorkConsole } from '../work-console.js';
import { matchesFilter, pageOf, parseStates, type WorkFilter } from '../work-filter.js';
import { statsOf } from '../work-stats.js';
import { assertSafeBinding, refusalOf } from './dashboard-access.js';
import { renderDashboardPage } from './dashboard-page.js';

/** Where and how to serve the dashboard. */
export interface DashboardOptions {
  readonly console: WorkConsole;
  readonly feed: LiveWorkFeed;
  /** Default 127.0.0.1; any other address needs {@link token}. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Required off loopback; when set, every API call and action must carry it. */
  readonly token?: string;
}

/** A running dashboard. */
export interface Dashboard {
  /** The address to open (without the token). */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;
const HEARTBEAT_MILLIS = 15_000;

/**
 * Serves the live dashboard: one self-contained page (inline script and style under a strict
 * Content-Security-Policy, no CDN), a JSON API over the {@link LiveWorkFeed}'s snapshot, an
 * SSE stream that says when the snapshot changed, and the cancel and prune actions.
 *
 * @throws WorkError `INVALID_REQUEST` when asked to bind off loopback without a token.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token;
  assertSafeBinding(host, token);
  const { console: work, feed } = options;
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => sendError(response, error));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
    if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const nonce = randomBytes(16).toString('base64');
      send(
        response,
        200,
        'text/html; charset=utf-8',
        renderDashboardPage({
          nonce,
          database: work.filename,
          tokenRequired: token !== undefined,
        }),
        {
          'content-security-policy': [
            "default-src 'none'",
            `script-src 'nonce-${nonce}'`,
            `style-src 'nonce-${nonce}'`,
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
          ].join('; '),
        },
      );
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      sendJson(response, 404, { error: { code: 'NOT_FOUND', message: 'No such page.' } });
      return;
    }
    const refusal = refusalOf(request, url, { host, token });
    if (refusal) {
      sendJson(response, refusal.status, {
        error: { code: refusal.code, message: refusal.message },
      });
      return;
    }
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /api/state') {
      sendJson(response, 200, stateOf(url));
    } else if (route === 'GET /api/events') {
      openStream(response);
    } else if (request.method === 'GET' && url.pathname.startsWith('/api/works/')) {
      const id = decodeURIComponent(url.pathname.slice('/api/works/'.length));
      const [detail, chain] = await Promise.all([work.get(id), work.chain(id)]);
      sendJson(response, 200, { work: detail, chain });
    } else if (route === 'POST /api/cancel') {
      const selector = cancelSelectorOf(await readJson(request));
      const cancelled = await work.cancel(selector);
      await feed.refresh();
      sendJson(response, 200, { cancelled });
    } else if (route === 'POST /api/prune') {
      await readJson(request);
      const pruned = await work.prune();
      await feed.refresh();
      sendJson(response, 200, { pruned });
    } else {
      sendJson(response, 404, {
        error: { code: 'NOT_FOUND', message: `No API route ${route}.` },
      });
    }
  }

  function stateOf(url: URL): unknown {
    const params = url.searchParams;
    const filter: WorkFilter = {
      states: parseStates((params.get('state') ?? '').split(',').filter((s) => s !== '')),
      ...(params.get('tag') ? { tag: params.get('tag')! } : {}),
      ...(params.get('name') ? { name: params.get('name')! } : {}),
      ...(params.get('text') ? { text: params.get('text')! } : {}),
    };
    const works = feed.works;
    return {
      version: feed.version,
      database: work.filename,
      stats: statsOf(works),
      page: pageOf(
        works.filter((w) => matchesFilter(w, filter)),
        Number(params.get('page') ?? 1),
        Number(params.get('pageSize') ?? 20),
      ),
      runs: feed.runs.slice(-60),
      transitions: feed.transitions.slice(-40),
    };
  }

  function openStream(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    response.write(`event: change\ndata: ${JSON.stringify({ version: feed.version })}\n\n`);
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  const unsubscribe = feed.subscribe((update) => {
    const message = `event: change\ndata: ${JSON.stringify({ version: update.version })}\n\n`;
    for (const stream of streams) stream.write(message);
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': heartbeat\n\n');
  }, HEARTBEAT_MILLIS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new WorkError(
          'INVALID_REQUEST',
          `Cannot serve the dashboard on ${host}:${options.port ?? 8080} (${error.code ?? error.message}): pick another --port or --host.`,
          { cause: error },
        ),
      ),
    );
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function cancelSelectorOf(body: unknown): CancelSelector {
  const { id, tag, name } = (body ?? {}) as Record<string, unknown>;
  const given = [
    ['id', id],
    ['tag', tag],
    ['name', name],
  ].filter(([, v]) => v !== undefined);
  const [only] = given;
  if (given.length !== 1 || typeof only?.[1] !== 'string' || only[1] === '') {
    throw new WorkError(
      'INVALID_REQUEST',
      'Cancel takes exactly one of "id", "tag" or "name", as a non-empty string.',
    );
  }
  const value = only[1];
  return only[0] === 'id'
    ? { id: value }
    : only[0] === 'tag'
      ? { tag: value }
      : { uniqueName: value };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new WorkError('INVALID_REQUEST', `Request body over ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new WorkError('INVALID_REQUEST', 'The request body is not valid JSON.');
  }
}

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { ...BASE_HEADERS, 'content-type': type, ...headers });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function sendError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  if (isWorkError(error)) {
    const status =
      error.code === 'WORK_NOT_FOUND'
        ? 404
        : error.code.startsWith('STORE_')
          ? 503
          : error.code === 'ILLEGAL_STATE' || error.code === 'UNSUPPORTED_OPERATION'
            ? 409
            : 400;
    sendJson(response, status, { error: { code: error.code, message: error.message } });
    return;
  }
  sendJson(response, 500, {
    error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
  });
}
