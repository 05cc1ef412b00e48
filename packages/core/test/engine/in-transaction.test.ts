import { describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger } from '../../src/index.js';

describe('inTransaction', () => {
  it('is refused with UNSUPPORTED_OPERATION by a store without transactional enqueue', async () => {
    const wm = await createWorkManager({ workers: {}, config: { logger: silentLogger } });
    try {
      expect(() => wm.inTransaction({ query: () => {} })).toThrow(
        expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }),
      );
    } finally {
      await wm.close();
    }
  });
});
