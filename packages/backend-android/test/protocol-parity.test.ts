import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { registerPlugin } from '@capacitor/core';
import { describe, expect, it } from 'vitest';
import {
  BRIDGE_ERROR_CODES,
  BRIDGE_METHODS,
  createCapacitorTransport,
  PROTOCOL_VERSION,
  ReservedNames,
  type WorkBridgeCapacitorPlugin,
} from '../src/index.js';

const kotlin = readFileSync(
  fileURLToPath(
    new URL(
      '../android/core/src/main/kotlin/dev/workmanagerts/android/Protocol.kt',
      import.meta.url,
    ),
  ),
  'utf8',
);

describe('protocol parity: the TS types are the source, Protocol.kt follows them', () => {
  it('lists the same methods', () => {
    const block = /val METHODS = setOf\(([\s\S]*?)\n {4}\)/.exec(kotlin)?.[1] ?? '';
    const methods = [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(methods.sort()).toEqual([...BRIDGE_METHODS].sort());
  });

  it('uses the same error codes, version and reserved names', () => {
    const codes = /enum class BridgeErrorCode \{([^}]*)\}/
      .exec(kotlin)?.[1]
      ?.split(',')
      .map((c) => c.trim());
    expect(codes).toEqual([...BRIDGE_ERROR_CODES]);
    expect(kotlin).toContain(`const val VERSION = ${PROTOCOL_VERSION}`);
    expect(kotlin).toContain(`WORKER_TAG_PREFIX = "${ReservedNames.workerTagPrefix}"`);
    expect(kotlin).toContain(`UNIQUE_TAG_PREFIX = "${ReservedNames.uniqueTagPrefix}"`);
    expect(kotlin).toContain(`JSON_KEY_PREFIX = "${ReservedNames.jsonKeyPrefix}"`);
    expect(kotlin).toContain(`ERROR_OUTPUT_KEY = "${ReservedNames.errorOutputKey}"`);
  });
});

/** Type-level check (tsc -b): the transport accepts what @capacitor/core's registerPlugin returns. */
export function capacitorTypesFit(register: typeof registerPlugin) {
  return createCapacitorTransport(register<WorkBridgeCapacitorPlugin>('WorkBridge'));
}
