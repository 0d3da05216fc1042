/**
 * "Ask Rovo" opens the agent by its key and name (`rovo.open` refuses either over 30 characters):
 * they must be the manifest's `rovo:agent`, and every action the agent names must be declared.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { THROUGHLINE_AGENT } from '../../../static/common/rovo-agent';

const manifest = parse(readFileSync(resolve(import.meta.dirname, '../../../manifest.yml'), 'utf8')) as {
  modules: { 'rovo:agent': { key: string; name: string; actions: string[] }[]; action: { key: string; function: string }[]; function: { key: string }[] };
};

describe('the Rovo agent the apps open', () => {
  it('is the manifest\'s agent, with a key and name rovo.open accepts', () => {
    const agents = manifest.modules['rovo:agent'];
    expect(agents.map((agent) => ({ key: agent.key, name: agent.name }))).toEqual([THROUGHLINE_AGENT]);
    expect(THROUGHLINE_AGENT.key.length).toBeLessThanOrEqual(30);
    expect(THROUGHLINE_AGENT.name.length).toBeLessThanOrEqual(30);
  });

  it('names only declared actions, each backed by a declared function', () => {
    const actions = new Map(manifest.modules.action.map((action) => [action.key, action.function]));
    const functions = new Set(manifest.modules.function.map((fn) => fn.key));
    for (const key of manifest.modules['rovo:agent'][0]?.actions ?? []) {
      expect(actions.has(key), key).toBe(true);
      expect(functions.has(actions.get(key) ?? ''), key).toBe(true);
    }
  });
});
