#!/usr/bin/env node
// The `workmanager` bin. It runs the TypeScript sources of this repository directly (no build
// step after `npm ci`): tsx compiles them on the fly, and a one-line resolve hook adds the
// `source` export condition so that @workmanager-ts/* packages resolve to their src/ entry
// points. Worker modules passed to `workmanager run` may be .ts files for the same reason.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
const sourceCondition = `
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('source')
    ? context.conditions
    : ['source', ...context.conditions];
  return nextResolve(specifier, { ...context, conditions });
}`;
register(`data:text/javascript,${encodeURIComponent(sourceCondition)}`);
await import('../src/main.ts');
