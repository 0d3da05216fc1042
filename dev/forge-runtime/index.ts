// The local Forge runtime's public API (see README.md).
export { createForgeRuntime } from './forge-runtime';
export { localClock } from './clock';
export type { LocalClock } from './clock';
export type { ForgeRuntime, ForgeRuntimeOptions, InvokeRequest, InvokingUser, ResolverExtension, RovoJiraContext, RuntimeLogger, SiteIdentity } from './forge-runtime';
export type { InvocationError, InvocationErrorCode, InvocationResult } from './errors';
export { ForgeRuntimeError } from './errors';
export { KvsStoreCorruptError } from './kvs-file';
export { DEFAULT_LIMITS } from './limits';
export type { ForgeLimits, ForgeLimitsInput } from './limits';
export type { QueueStats } from './queue';
export type { JiraChange, JiraChangeSource, TriggerDelivery } from './triggers';
export type { DeliveryReport, RetryContext } from './delivery';
export { GENERIC_REFUSAL, loadWorkflowValidators, runWorkflowValidator, runWorkflowValidators, validatorPayload, workflowValidatorsOf } from './workflow-validators';
export type { TransitionRequest, ValidatorVerdict, WorkflowValidatorDefinition } from './workflow-validators';
