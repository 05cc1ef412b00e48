import { WorkError } from '../model/work-error.js';

/** The Web Crypto members this port uses; declared here because core compiles without DOM types. */
interface WebCryptoLike {
  randomUUID?: () => string;
  getRandomValues?: (array: Uint8Array) => Uint8Array;
}

/**
 * A fresh random work id (a v4 UUID, like androidx's `UUID.randomUUID()`), for requests built
 * without an explicit `id`. Reads the host's Web Crypto (`globalThis.crypto`, present in
 * Node ≥ 19 and modern React Native), which is why this lives among the ports.
 *
 * @throws WorkError `UNSUPPORTED_OPERATION` when the host has no Web Crypto.
 */
export function randomWorkId(): string {
  const crypto = (globalThis as { crypto?: WebCryptoLike }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues === 'function') {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  throw new WorkError(
    'UNSUPPORTED_OPERATION',
    'This runtime has no globalThis.crypto to generate work ids; pass `id` explicitly ' +
      '(or install a crypto.getRandomValues polyfill).',
  );
}
