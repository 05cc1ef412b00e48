/**
 * Property testing of scheduling rules: generate scenarios, simulate them in virtual time,
 * query the trace, and print shrunk counterexamples readably.
 */
export {
  appEventArbitrary,
  chainEventArbitrary,
  conditionsArbitrary,
  constraintsArbitrary,
  dataInputArbitrary,
  environmentEventArbitrary,
  eventsArbitrary,
  graphEventArbitrary,
  oneTimeRequestArbitrary,
  periodicRequestArbitrary,
  requestArbitrary,
  type SimArbitraryOptions,
  scenarioArbitrary,
  scenarioOf,
  uniqueWorkEventArbitrary,
  workerScriptArbitrary,
  workerStepArbitrary,
} from './arbitraries.js';
export { formatRequest, formatScenario } from './format-scenario.js';
export type {
  CancelTarget,
  GraphNode,
  RequestSpec,
  Scenario,
  SimConditions,
  SimEvent,
  WorkerStep,
} from './scenario.js';
export {
  assertSchedulingProperty,
  formatCounterexample,
  type SchedulingCheck,
  SchedulingPropertyError,
  type SchedulingPropertyOptions,
} from './scheduling-property.js';
export {
  type Rejection,
  type SimulateOptions,
  type SimulationApp,
  type SimulationHook,
  type SimulationResult,
  type SimulationWorkerKit,
  simulate,
} from './simulate.js';
export {
  formatEntry,
  formatTime,
  type RunnableWait,
  type StuckWork,
  type TimeWindow,
  Trace,
  type WorkRun,
  type WorkTarget,
} from './trace.js';
export type { ConditionsEntry, Downtime, TraceEntry } from './trace-entry.js';
