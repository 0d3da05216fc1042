/**
 * The layer graph, as ESLint enforces it (eslint.config.js, `no-restricted-imports`, as errors):
 *
 *   static/ ──types──▶ src/contract.ts        static/ ──▶ src/domain (pure)
 *   src/index ─▶ src/resolvers ─▶ src/services ─▶ src/jira, src/storage ─▶ @forge/api, @forge/kvs
 *                src/events    ─▶ src/services       src/events ─▶ @forge/events
 *   src/services ─▶ src/domain        src/domain ─▶ nothing of the platform, no I/O
 *   dev/ ─▶ anything; nothing in src/ or static/ imports dev/; test/ and bench/ import anything
 *
 * Each case lints a probe that breaks one edge, at the path of a real file of that layer, and
 * checks ESLint refuses it with the reason; a type-only import of the contract from static/ passes.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const cases: readonly { edge: string; file: string; code: string; reason: RegExp }[] = [
  { edge: 'services → resolvers', file: 'src/services/settings.ts', code: "import { resolver } from '../resolvers';\nexport const probe = resolver;\n", reason: /src\/services is below resolvers and events/ },
  { edge: 'services → events', file: 'src/services/settings.ts', code: "import * as trigger from '../events/issue-trigger';\nexport const probe = trigger;\n", reason: /src\/services is below resolvers and events/ },
  { edge: 'services → @forge/api', file: 'src/services/settings.ts', code: "import api from '@forge/api';\nexport const probe = api;\n", reason: /Only src\/jira, src\/storage and src\/events reach the platform/ },
  { edge: 'domain → storage', file: 'src/domain/scoring/scoring.ts', code: "import * as storage from '../../storage';\nexport const probe = storage;\n", reason: /src\/domain must not depend on adapters/ },
  { edge: 'domain → node I/O', file: 'src/domain/scoring/scoring.ts', code: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n", reason: /src\/domain does no I\/O/ },
  { edge: 'resolvers → dev', file: 'src/resolvers/envelope.ts', code: "import * as emulator from '../../dev/jira-emulator';\nexport const probe = emulator;\n", reason: /dev\/ is never deployed/ },
  { edge: 'static → contract values', file: 'static/settings/src/shared.tsx', code: "import { resolverKeys } from '../../../src/contract';\nexport const probe = resolverKeys;\n", reason: /imports only types from src\/contract\.ts/ },
  { edge: 'static → services', file: 'static/settings/src/shared.tsx', code: "import * as services from '../../../src/services/settings';\nexport const probe = services;\n", reason: /static\/ imports only the contract \(types\) and the pure domain/ },
  { edge: 'static → dev', file: 'static/settings/src/shared.tsx', code: "import * as shell from '../../../dev/shell';\nexport const probe = shell;\n", reason: /dev\/ is never deployed/ },
  { edge: 'static → @forge/kvs', file: 'static/settings/src/shared.tsx', code: "import { kvs } from '@forge/kvs';\nexport const probe = kvs;\n", reason: /reaches the backend only through @forge\/bridge/ },
];

describe('the layer graph', () => {
  // The first lint builds the TypeScript program for the type-aware rules: slow, and once.
  beforeAll(async () => {
    await refusals('src/services/settings.ts', 'export const warm = 1;\n');
  }, 240_000);

  for (const probe of cases) {
    it(`refuses ${probe.edge}`, async () => {
      const found = await refusals(probe.file, probe.code);
      expect(found.some((message) => probe.reason.test(message)), found.join('\n')).toBe(true);
    });
  }

  it('lets static/ import the contract\'s types and the pure domain', async () => {
    expect(await refusals('static/settings/src/shared.tsx', "import type { ResolverDefs } from '../../../src/contract';\nimport { scoreIssue } from '../../../src/domain/scoring';\nexport type Probe = ResolverDefs;\nexport const probe = scoreIssue;\n")).toEqual([]);
  });
});
