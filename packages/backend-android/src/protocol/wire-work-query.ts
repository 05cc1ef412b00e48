import type { WorkState } from '@workmanager-ts/core';

/**
 * A validated `WorkQuery` on the wire; maps to androidx's `WorkQuery.Builder` (`fromIds`,
 * `addTags`, `addUniqueWorkNames`, `addStates`). Empty components are left out.
 */
export interface WireWorkQuery {
  readonly ids?: readonly string[];
  readonly tags?: readonly string[];
  readonly uniqueNames?: readonly string[];
  readonly states?: readonly WorkState[];
}
