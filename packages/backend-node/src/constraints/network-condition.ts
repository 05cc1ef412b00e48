import { networkInterfaces } from 'node:os';
import type { NetworkType } from '@workmanager-ts/core';

/**
 * The network types the host satisfies, from the interfaces that are up. A Node host cannot
 * tell metered from unmetered or roaming, so a connected host counts as an unmetered,
 * non-roaming network (a server on a wired or data-centre network); METERED and
 * TEMPORARILY_UNMETERED are never met. Loopback does not count as connected.
 */
export function networkTypes(): readonly NetworkType[] {
  const connected = Object.values(networkInterfaces()).some((addresses) =>
    (addresses ?? []).some((a) => !a.internal),
  );
  return connected ? ['NOT_REQUIRED', 'CONNECTED', 'UNMETERED', 'NOT_ROAMING'] : ['NOT_REQUIRED'];
}
