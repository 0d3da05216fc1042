/**
 * What the shell needs from manifest.yml: the Custom UI modules (where Jira shows them, which
 * resource they load, their title) and the resources' folders, plus the permissions that the
 * content security policy Forge applies depends on (`content`, `external`: dev/shell/csp.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { workflowValidatorsOf } from '../forge-runtime/workflow-validators';
import type { WorkflowValidatorDefinition } from '../forge-runtime/workflow-validators';

const text = z.union([z.string(), z.object({ i18n: z.string() })]);

const uiModuleSchema = z.looseObject({
  key: z.string(),
  resource: z.string().optional(),
  title: text.optional(),
  label: text.optional(),
  resolver: z.looseObject({ function: z.string() }).optional(),
  // A dashboard gadget's edit view (Custom UI): its own resource, often the view's.
  edit: z.looseObject({ resource: z.string().optional() }).optional(),
});

const manifestSchema = z.looseObject({
  modules: z.record(z.string(), z.unknown()).default({}),
  resources: z.array(z.looseObject({ key: z.string(), path: z.string() })).default([]),
  permissions: z.looseObject({}).optional(),
});

/** The module types the shell can place on its pages. */
export const SHELL_MODULE_TYPES = ['jira:issueContext', 'jira:issuePanel', 'jira:projectPage', 'jira:projectSettingsPage', 'jira:dashboardGadget'] as const;
export type ShellModuleType = (typeof SHELL_MODULE_TYPES)[number];

export interface ShellModule {
  readonly type: ShellModuleType;
  readonly key: string;
  readonly title: string;
  readonly label: string | undefined;
  readonly resourceKey: string;
  /** A dashboard gadget's edit view resource (`edit.resource`); undefined for other modules. */
  readonly editResourceKey?: string;
}

export interface AppManifest {
  readonly modules: readonly ShellModule[];
  /** Resource key → absolute folder (the build output). */
  readonly resources: ReadonlyMap<string, string>;
  /** The manifest's `permissions`, as written: @forge/csp reads `content` and `external` from it. */
  readonly permissions: Readonly<Record<string, unknown>>;
  /** Function-backed `jira:workflowValidator` modules: the issue view's status control runs them. */
  readonly workflowValidators: readonly WorkflowValidatorDefinition[];
}

function textOf(value: z.infer<typeof text> | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.i18n;
}

export function readAppManifest(manifestPath: string): AppManifest {
  const yaml: unknown = parseYaml(readFileSync(manifestPath, 'utf8'));
  const raw = manifestSchema.parse(yaml);
  const root = dirname(resolve(manifestPath));
  const modules: ShellModule[] = [];
  for (const type of SHELL_MODULE_TYPES) {
    const entries = z.array(uiModuleSchema).safeParse(raw.modules[type] ?? []);
    if (!entries.success) continue;
    for (const entry of entries.data) {
      if (entry.resource === undefined) continue;
      modules.push({ type, key: entry.key, title: textOf(entry.title) ?? entry.key, label: textOf(entry.label), resourceKey: entry.resource, ...(entry.edit?.resource === undefined ? {} : { editResourceKey: entry.edit.resource }) });
    }
  }
  return {
    modules,
    resources: new Map(raw.resources.map((resource) => [resource.key, resolve(root, resource.path)])),
    permissions: raw.permissions ?? {},
    workflowValidators: workflowValidatorsOf(yaml),
  };
}
