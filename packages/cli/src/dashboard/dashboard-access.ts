import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WorkError } from '@workmanager-ts/core';

/** The header that carries the dashboard token on API calls. */
export const TOKEN_HEADER = 'x-workmanager-token';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for an address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Refuses to serve on an address other machines can reach without a token: the dashboard
 * can cancel and delete work.
 *
 * @throws WorkError `INVALID_REQUEST` saying to pass `--token`.
 */
export function assertSafeBinding(host: string, token: string | undefined): void {
  if (!isLoopbackHost(host) && !token) {
    throw new WorkError(
      'INVALID_REQUEST',
      `Refusing to serve the dashboard on ${host} without a token: anyone who reaches it could cancel work. Pass --token <secret> (at least 16 characters), or bind to 127.0.0.1.`,
    );
  }
  if (token !== undefined && token.length < 16) {
    throw new WorkError('INVALID_REQUEST', '--token must be at least 16 characters long.');
  }
}

/** Why a request is refused, as an HTTP status and a message; null when it may proceed. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * Decides whether an API request may proceed.
 *
 * - Bound to loopback, the Host header must name a loopback host (blocks DNS rebinding).
 * - With a token, every API call must carry it: in the header, or for GET also as `?token=`
 *   (EventSource cannot set headers). Actions (POST) accept the header only.
 * - An action must be JSON from the dashboard's own origin, so another web page cannot
 *   submit it (a cross-site form can neither set the content type nor a custom header).
 */
export function refusalOf(
  request: IncomingMessage,
  url: URL,
  options: { readonly host: string; readonly token: string | undefined },
): Refusal | null {
  const hostHeader = request.headers.host ?? '';
  const requestHost = hostHeader.replace(/:\d+$/, '');
  if (isLoopbackHost(options.host) && !isLoopbackHost(requestHost)) {
    return {
      status: 403,
      code: 'FORBIDDEN_HOST',
      message: `Host ${hostHeader} is not this dashboard's address; open it at 127.0.0.1.`,
    };
  }
  const isAction = request.method === 'POST';
  if (options.token !== undefined) {
    const header = request.headers[TOKEN_HEADER];
    const given =
      typeof header === 'string' ? header : isAction ? null : url.searchParams.get('token');
    if (given === null || !sameSecret(given, options.token)) {
      return {
        status: 401,
        code: 'TOKEN_REQUIRED',
        message: 'This dashboard needs its token: open it with #token=<token> in the address.',
      };
    }
  }
  if (isAction) {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}`) {
      return {
        status: 403,
        code: 'FORBIDDEN_ORIGIN',
        message: 'Actions are only accepted from the dashboard page itself.',
      };
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return {
        status: 415,
        code: 'JSON_REQUIRED',
        message: 'Send actions as application/json.',
      };
    }
  }
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
