/**
 * The readiness gate's place in manifest.yml, held to Forge's description of
 * `jira:workflowValidator` (manifest reference, "Validating with lambda functions"): key, name and
 * description; a `function` (not also an `expression`) naming a declared function whose handler
 * src/index.ts exports; company-managed workflows only (no `projectTypes`: the default); the
 * `read:jira-work` scope, without which Jira does not attach `modifiedFields`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workflowValidatorsOf } from '../../../dev/forge-runtime';
import * as app from '../../../src/index';
import { ROOT } from '../settings/support';

interface Manifest {
  modules: Record<string, { key: string; [field: string]: unknown }[]>;
  permissions: { scopes: string[] };
}

async function manifest(): Promise<Manifest> {
  return parse(await readFile(join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;
}

describe('the readiness gate in manifest.yml', () => {
  it('is a function-backed workflow validator whose handler the app exports', async () => {
    const raw = await manifest();
    const validators = raw.modules['jira:workflowValidator'] ?? [];
    const gate = validators.find((module) => module.key === 'readiness-gate');
    expect(gate).toBeDefined();
    expect(gate?.key).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(typeof gate?.name).toBe('string');
    expect(typeof gate?.description).toBe('string');
    expect(gate?.expression).toBeUndefined();
    expect(gate?.projectTypes).toBeUndefined();
    const fn = (raw.modules.function ?? []).find((entry) => entry.key === gate?.function);
    expect(fn?.handler).toBe('index.validateReadiness');
    expect(typeof app.validateReadiness).toBe('function');
    expect(raw.permissions.scopes).toContain('read:jira-work');
    expect(workflowValidatorsOf(raw)).toEqual([{ key: 'readiness-gate', name: gate?.name, functionKey: gate?.function }]);
  });

  it('keeps module keys unique across modules', async () => {
    const raw = await manifest();
    const keys = Object.entries(raw.modules).filter(([type]) => type !== 'function').flatMap(([, list]) => list.map((module) => module.key));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
