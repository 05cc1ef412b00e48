import * as os from 'node:os';
import type { NetworkType } from '@workmanager-ts/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { networkTypes } from '../../src/constraints/network-condition.js';

vi.mock('node:os', async (importActual) => {
  const actual = await importActual<typeof import('node:os')>();
  return { ...actual, networkInterfaces: vi.fn(actual.networkInterfaces) };
});

type Interfaces = ReturnType<typeof os.networkInterfaces>;
const address = (internal: boolean, family: 'IPv4' | 'IPv6' = 'IPv4') =>
  ({
    address: internal ? '127.0.0.1' : '10.0.0.2',
    netmask: '255.0.0.0',
    family,
    mac: '00:00:00:00:00:00',
    internal,
    cidr: null,
    ...(family === 'IPv6' ? { scopeid: 0 } : {}),
  }) as os.NetworkInterfaceInfo;

const CONNECTED: NetworkType[] = ['NOT_REQUIRED', 'CONNECTED', 'UNMETERED', 'NOT_ROAMING'];

describe('networkTypes (interfaces that are up)', () => {
  afterEach(() => vi.mocked(os.networkInterfaces).mockRestore());

  it.each<[string, Interfaces, NetworkType[]]>([
    ['no interface', {}, ['NOT_REQUIRED']],
    ['loopback only', { lo: [address(true), address(true, 'IPv6')] }, ['NOT_REQUIRED']],
    ['an interface without addresses', { eth0: [] }, ['NOT_REQUIRED']],
    ['an external IPv4 address', { lo: [address(true)], eth0: [address(false)] }, CONNECTED],
    ['an external IPv6 address only', { wlan0: [address(false, 'IPv6')] }, CONNECTED],
  ])('%s → %o', (_, interfaces, expected) => {
    vi.mocked(os.networkInterfaces).mockReturnValue(interfaces);
    expect(networkTypes()).toEqual(expected);
  });

  it('on this host: NOT_REQUIRED always, METERED and TEMPORARILY_UNMETERED never, connected iff a non-internal address', () => {
    const types = networkTypes();
    const external = Object.values(os.networkInterfaces()).some((list) =>
      (list ?? []).some((a) => !a.internal),
    );
    expect(types).toEqual(external ? CONNECTED : ['NOT_REQUIRED']);
    expect(types).not.toContain('METERED');
    expect(types).not.toContain('TEMPORARILY_UNMETERED');
  });
});
