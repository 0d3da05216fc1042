/**
 * The parts of manifest.yml the runtime acts on: functions (key → handler), the UI modules whose
 * resolver names a function, triggers, consumers and scheduled triggers. Everything else is left to Atlassian's own
 * validator (dev/forge-checks); this only refuses what it cannot run.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { ForgeRuntimeError } from './errors';
import { FUNCTION_MAX_TIMEOUT_SECONDS } from './limits';

const key = z.string().min(1);

const functionSchema = z.looseObject({
  key,
  handler: z.string().regex(/^[^.]+(\.[^.]+)*\.[A-Za-z_$][\w$]*$/, 'handler must look like "file.exportName"'),
  timeoutSeconds: z.number().int().positive().max(FUNCTION_MAX_TIMEOUT_SECONDS).optional(),
});

const triggerSchema = z.looseObject({
  key,
  function: key,
  events: z.array(z.string().min(1)).min(1),
  filter: z.looseObject({ ignoreSelf: z.boolean().optional(), expression: z.string().optional() }).optional(),
});

const consumerSchema = z.looseObject({ key, queue: key, function: key });

const scheduledTriggerSchema = z.looseObject({ key, function: key, interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) });

const moduleSchema = z.looseObject({ key, resolver: z.looseObject({ function: key }).optional() });

// A Rovo action backed by a Forge function (Forge Remote `endpoint` actions cannot run here).
const actionSchema = z.looseObject({
  key,
  function: key.optional(),
  actionVerb: z.enum(['GET', 'CREATE', 'UPDATE', 'DELETE', 'TRIGGER']).optional(),
  inputs: z.record(z.string(), z.looseObject({ type: z.string().optional(), required: z.boolean().optional() })).optional(),
});

const manifestSchema = z.looseObject({
  app: z.looseObject({ id: z.string().regex(/^ari:cloud:ecosystem::app\/[\w-]+$/, 'app.id must be an app ARI') }),
  permissions: z.looseObject({ scopes: z.array(z.string()).optional() }).optional(),
  modules: z
    .object({
      function: z.array(functionSchema).default([]),
      trigger: z.array(triggerSchema).default([]),
      consumer: z.array(consumerSchema).default([]),
      scheduledTrigger: z.array(scheduledTriggerSchema).default([]),
      action: z.array(actionSchema).default([]),
    })
    .catchall(z.array(moduleSchema)),
});

export interface FunctionDefinition {
  readonly key: string;
  /** As written in the manifest, e.g. `index.resolver`. */
  readonly handler: string;
  /** Path under src/ without extension, e.g. `index` or `triggers/on-issue`. */
  readonly modulePath: string;
  readonly exportName: string;
  readonly timeoutSeconds: number | undefined;
}

export interface UiModuleDefinition {
  readonly key: string;
  /** The module type, e.g. `jira:issueContext`: becomes `context.extension.type`. */
  readonly type: string;
  readonly functionKey: string;
}

export interface TriggerDefinition {
  readonly key: string;
  readonly functionKey: string;
  readonly events: readonly string[];
  readonly ignoreSelf: boolean;
  readonly expression: string | undefined;
}

export interface ConsumerDefinition {
  readonly key: string;
  readonly queue: string;
  readonly functionKey: string;
}

/** A `scheduledTrigger` module: nothing runs it on a clock here; `fireScheduledTrigger` runs it now. */
export interface ScheduledTriggerDefinition {
  readonly key: string;
  readonly functionKey: string;
  readonly interval: 'fiveMinute' | 'hour' | 'day' | 'week';
}

/** A Rovo `action` module backed by a function: Rovo calls it with the inputs it extracted. */
export interface ActionDefinition {
  readonly key: string;
  readonly functionKey: string;
  readonly actionVerb: 'GET' | 'CREATE' | 'UPDATE' | 'DELETE' | 'TRIGGER' | undefined;
  /** Input name → whether the manifest marks it required. */
  readonly inputs: ReadonlyMap<string, { readonly type: string | undefined; readonly required: boolean }>;
}

export interface RuntimeManifest {
  readonly appId: string;
  readonly scopes: readonly string[];
  readonly functions: ReadonlyMap<string, FunctionDefinition>;
  readonly uiModules: ReadonlyMap<string, UiModuleDefinition>;
  readonly triggers: readonly TriggerDefinition[];
  readonly consumers: readonly ConsumerDefinition[];
  readonly scheduledTriggers: readonly ScheduledTriggerDefinition[];
  readonly actions: ReadonlyMap<string, ActionDefinition>;
}

export async function loadManifest(manifestPath: string): Promise<RuntimeManifest> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    throw new ForgeRuntimeError(`Cannot read the manifest ${manifestPath}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ForgeRuntimeError(`The manifest ${manifestPath} is not valid YAML: ${(error as Error).message}`);
  }
  return readManifest(raw, manifestPath);
}

export function readManifest(raw: unknown, source = 'manifest.yml'): RuntimeManifest {
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new ForgeRuntimeError(`The manifest ${source} cannot be run: ${issues.join('; ')}`);
  }
  const { app, permissions, modules } = parsed.data;
  const { function: fns, trigger, consumer, scheduledTrigger, action, ...others } = modules;

  const functions = new Map<string, FunctionDefinition>();
  for (const fn of fns) {
    if (functions.has(fn.key)) throw new ForgeRuntimeError(`The manifest ${source} declares the function "${fn.key}" twice.`);
    const dot = fn.handler.lastIndexOf('.');
    functions.set(fn.key, {
      key: fn.key,
      handler: fn.handler,
      modulePath: fn.handler.slice(0, dot),
      exportName: fn.handler.slice(dot + 1),
      timeoutSeconds: fn.timeoutSeconds,
    });
  }
  const requireFunction = (functionKey: string, from: string): string => {
    if (!functions.has(functionKey)) throw new ForgeRuntimeError(`The manifest ${source}: ${from} names the function "${functionKey}", which is not declared.`);
    return functionKey;
  };

  const uiModules = new Map<string, UiModuleDefinition>();
  for (const [type, list] of Object.entries(others)) {
    for (const module of list) {
      if (module.resolver === undefined) continue;
      uiModules.set(module.key, { key: module.key, type, functionKey: requireFunction(module.resolver.function, `${type} "${module.key}"`) });
    }
  }

  const actions = new Map<string, ActionDefinition>();
  for (const module of action) {
    if (module.function === undefined) continue;
    actions.set(module.key, {
      key: module.key,
      functionKey: requireFunction(module.function, `action "${module.key}"`),
      actionVerb: module.actionVerb,
      inputs: new Map(Object.entries(module.inputs ?? {}).map(([name, input]) => [name, { type: input.type, required: input.required === true }])),
    });
  }

  return {
    appId: app.id.slice(app.id.lastIndexOf('/') + 1),
    actions,
    scopes: permissions?.scopes ?? [],
    functions,
    uiModules,
    triggers: trigger.map((t) => ({
      key: t.key,
      functionKey: requireFunction(t.function, `trigger "${t.key}"`),
      events: t.events,
      ignoreSelf: t.filter?.ignoreSelf ?? false,
      expression: t.filter?.expression,
    })),
    consumers: consumer.map((c) => ({ key: c.key, queue: c.queue, functionKey: requireFunction(c.function, `consumer "${c.key}"`) })),
    scheduledTriggers: scheduledTrigger.map((t) => ({ key: t.key, functionKey: requireFunction(t.function, `scheduledTrigger "${t.key}"`), interval: t.interval })),
  };
}
