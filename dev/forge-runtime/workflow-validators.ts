/**
 * Workflow validators (`jira:workflowValidator` modules with a `function`), run the way Jira runs
 * them before a transition: the function gets `{ issue: { key }, transition: { from: { id },
 * to: { id }, modifiedFields }, configuration }` (Forge's manifest reference, "Validating with
 * lambda functions") and answers `{ result: boolean, errorMessage? }`.
 *
 * What Jira does with an answer, as far as Atlassian documents it and, where it does not, the
 * stricter reading: `result: true` moves the issue; `result: false` refuses with `errorMessage`
 * (or a generic message without one); anything else (no boolean `result`, the function throwing or
 * timing out) refuses with a message that is Jira's, not the app's, the way an expression
 * validator that fails to evaluate refuses.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ForgeRuntime } from './forge-runtime';

export interface WorkflowValidatorDefinition {
  readonly key: string;
  readonly name: string;
  readonly functionKey: string;
}

const validatorSchema = z.looseObject({ key: z.string().min(1), name: z.string().min(1), function: z.string().min(1).optional(), expression: z.string().optional() });
const manifestSchema = z.looseObject({ modules: z.looseObject({ 'jira:workflowValidator': z.array(validatorSchema).optional() }) });

/** The manifest's function-backed workflow validators (expression validators are Jira's to run). */
export function workflowValidatorsOf(raw: unknown): WorkflowValidatorDefinition[] {
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return [];
  return (parsed.data.modules['jira:workflowValidator'] ?? []).flatMap((module) => (module.function === undefined ? [] : [{ key: module.key, name: module.name, functionKey: module.function }]));
}

export async function loadWorkflowValidators(manifestPath: string): Promise<WorkflowValidatorDefinition[]> {
  return workflowValidatorsOf(parse(await readFile(manifestPath, 'utf8')));
}

export interface TransitionRequest {
  readonly issueKey: string;
  readonly fromStatusId: string;
  readonly toStatusId: string;
  /** Fields changed on the transition screen, in REST v3 "get issue" format. */
  readonly modifiedFields?: Readonly<Record<string, unknown>>;
  /** The validator's configuration saved in the workflow editor. */
  readonly configuration?: Readonly<Record<string, unknown>>;
  /** Who performs the transition. */
  readonly accountId: string;
}

export interface ValidatorVerdict {
  readonly validator: string;
  readonly allowed: boolean;
  /** What Jira shows on refusal. */
  readonly errorMessage?: string;
  /** The function's own answer when it answered in Forge's shape; else why Jira refused for it. */
  readonly answeredBy: 'app' | 'platform';
  /** Milliseconds the validator took. */
  readonly ms: number;
}

/** Jira's words when a validator refuses without a message of its own. */
export const GENERIC_REFUSAL = 'The transition was refused by a workflow validator.';

/** The payload Jira sends a validator function. */
export function validatorPayload(request: TransitionRequest): Record<string, unknown> {
  return {
    issue: { key: request.issueKey },
    configuration: request.configuration ?? {},
    transition: { from: { id: request.fromStatusId }, to: { id: request.toStatusId }, modifiedFields: request.modifiedFields ?? {} },
  };
}

/** Runs one validator for a transition, as Jira would before moving the issue. Never rejects. */
export async function runWorkflowValidator(runtime: ForgeRuntime, validator: WorkflowValidatorDefinition, request: TransitionRequest): Promise<ValidatorVerdict> {
  const started = performance.now();
  const result = await runtime.invoke(validator.functionKey, { payload: validatorPayload(request), context: { principal: { accountId: request.accountId } }, moduleKey: validator.key });
  const ms = performance.now() - started;
  if (!result.success) return { validator: validator.key, allowed: false, errorMessage: `${GENERIC_REFUSAL} (${validator.name} failed: ${result.error.code})`, answeredBy: 'platform', ms };
  const body = result.body as { result?: unknown; errorMessage?: unknown } | null;
  if (body === null || typeof body !== 'object' || typeof body.result !== 'boolean') {
    return { validator: validator.key, allowed: false, errorMessage: `${GENERIC_REFUSAL} (${validator.name} gave no answer)`, answeredBy: 'platform', ms };
  }
  if (body.result) return { validator: validator.key, allowed: true, answeredBy: 'app', ms };
  const message = typeof body.errorMessage === 'string' && body.errorMessage.trim() !== '' ? body.errorMessage : GENERIC_REFUSAL;
  return { validator: validator.key, allowed: false, errorMessage: message, answeredBy: 'app', ms };
}

/** Every validator in turn, stopping at the first refusal (Jira shows the failed validator's message). */
export async function runWorkflowValidators(runtime: ForgeRuntime, validators: readonly WorkflowValidatorDefinition[], request: TransitionRequest): Promise<ValidatorVerdict[]> {
  const verdicts: ValidatorVerdict[] = [];
  for (const validator of validators) {
    const verdict = await runWorkflowValidator(runtime, validator, request);
    verdicts.push(verdict);
    if (!verdict.allowed) break;
  }
  return verdicts;
}
