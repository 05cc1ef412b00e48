import { Data, isWorkError, type WorkManager } from '@workmanager-ts/core';
import { describe, expect, it } from 'vitest';
import {
  AndroidWorkContinuation,
  createAndroidWorkManager,
  decodeWorkInfo,
  encodeWireData,
  encodeWorkRequest,
  type WireWorkInfo,
} from '../src/index.js';
import {
  buildRequest,
  type EngineRequest,
  readContract,
  renameLevelIds,
  workInfoToJson,
} from './support/contract.js';
import { ScriptedTransport } from './support/scripted-transport.js';

interface RequestVector {
  name: string;
  engine: EngineRequest;
  wire: unknown;
}
interface MethodVector {
  name: string;
  call: Record<string, unknown> & { op: string };
  method: string;
  params: unknown;
  result: unknown;
}
interface InfoVector {
  name: string;
  wire: WireWorkInfo;
  engine: unknown;
}
interface DataVectors {
  roundTrip: { name: string; json: Record<string, never>; sizeInBytes: number }[];
}
interface EnvelopeVector {
  name: string;
  response: { ok: false; error: { code: string } };
  workErrorCode: string;
}

describe('contract/requests.json: engine request → wire', () => {
  for (const vector of readContract<{ vectors: RequestVector[] }>('requests.json').vectors) {
    it(vector.name, () => {
      expect(encodeWorkRequest(buildRequest(vector.engine))).toEqual(vector.wire);
    });
  }
});

/** Performs a vector's engine-level call on an Android WorkManager. */
async function perform(wm: WorkManager, call: MethodVector['call']): Promise<unknown> {
  const build = (r: unknown) => buildRequest(r as EngineRequest);
  const list = (rs: unknown) => (rs as EngineRequest[]).map(build);
  switch (call.op) {
    case 'enqueue':
      return wm.enqueue(list(call.requests));
    case 'enqueueUniqueWork':
      return wm.enqueueUniqueWork(
        call.uniqueName as string,
        call.policy as never,
        list(call.requests),
      );
    case 'enqueueUniquePeriodicWork':
      return wm.enqueueUniquePeriodicWork(
        call.uniqueName as string,
        call.policy as never,
        build(call.request),
      );
    case 'chain': {
      const begin = call.begin as { unique: { name: string; policy: never }; requests: unknown };
      let c = wm.beginUniqueWork(begin.unique.name, begin.unique.policy, list(begin.requests));
      for (const level of call.then as unknown[]) c = c.then(list(level));
      return c.enqueue();
    }
    case 'combine': {
      const branches = (call.branches as unknown[]).map((b) => wm.beginWith(list(b)));
      return AndroidWorkContinuation.combine(branches).then(list(call.then)).enqueue();
    }
    case 'updateWork':
      return wm.updateWork(build(call.request));
    case 'cancelWorkById':
      return wm.cancelWorkById(call.id as string);
    case 'cancelAllWorkByTag':
      return wm.cancelAllWorkByTag(call.tag as string);
    case 'cancelUniqueWork':
      return wm.cancelUniqueWork(call.uniqueName as string);
    case 'cancelAllWork':
      return wm.cancelAllWork();
    case 'pruneWork':
      return wm.pruneWork();
    case 'getWorkInfos':
      return wm.getWorkInfos(call.query as never);
    case 'getWorkInfosByTag':
      return wm.getWorkInfosByTag(call.tag as string);
    case 'getWorkInfoById':
      return wm.getWorkInfoById(call.id as string);
    case 'getLastCancelAllTimeMillis':
      return wm.getLastCancelAllTimeMillis();
  }
  throw new Error(`unknown op ${call.op}`);
}

describe('contract/methods.json: engine call → method and params', () => {
  for (const vector of readContract<{ vectors: MethodVector[] }>('methods.json').vectors) {
    it(vector.name, async () => {
      const transport = new ScriptedTransport(() => ({ result: vector.result }));
      const wm = createAndroidWorkManager({ transport, workers: {} });
      await perform(wm, vector.call);
      const calls = transport.calls();
      expect(calls.map((c) => c.method)).toEqual([vector.method]);
      expect(renameLevelIds(calls[0]!.params)).toEqual(vector.params);
      await wm.close();
    });
  }
});

describe('contract/work-infos.json: wire WorkInfo → engine WorkInfo', () => {
  for (const vector of readContract<{ vectors: InfoVector[] }>('work-infos.json').vectors) {
    it(vector.name, () => {
      expect(workInfoToJson(decodeWorkInfo(vector.wire))).toEqual(vector.engine);
    });
  }
});

describe('contract/data.json: Data on the wire', () => {
  for (const vector of readContract<DataVectors>('data.json').roundTrip) {
    it(`${vector.name}: core sizes it as the Kotlin codec does`, () => {
      const data = Data.from(vector.json);
      expect(data.sizeInBytes()).toBe(vector.sizeInBytes);
      expect(encodeWireData(data, 'Input')).toEqual(vector.json);
    });
  }
});

describe('contract/envelopes.json: native error codes → WorkError codes', () => {
  for (const vector of readContract<{ vectors: EnvelopeVector[] }>('envelopes.json').vectors) {
    it(vector.name, async () => {
      const transport = new ScriptedTransport(() => ({ error: vector.response.error }));
      const wm = createAndroidWorkManager({ transport, workers: {} });
      const error = await wm.cancelAllWork().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isWorkError(error)).toBe(true);
      expect((error as { code: string }).code).toBe(vector.workErrorCode);
      await wm.close();
    });
  }
});
