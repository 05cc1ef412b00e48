// App code under test: every order placed is processed by a worker, at least once.
import { OneTimeWorkRequest, type WorkManager } from '@workmanager-ts/core';

export function placeOrder(wm: WorkManager, orderId: string): Promise<void> {
  return wm.enqueue(
    OneTimeWorkRequest.from('process-order', {
      id: `order-${orderId}`,
      input: { orderId },
      tags: ['order'],
      constraints: { requiredNetworkType: 'CONNECTED' },
      backoff: { policy: 'LINEAR', delay: { seconds: 30 } },
    }),
  );
}

/** App start: nothing to do — WorkManager itself recovers work a crash interrupted. */
export async function onAppStart(_wm: WorkManager): Promise<void> {}
