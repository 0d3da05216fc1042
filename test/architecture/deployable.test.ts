/**
 * What keeps the app deployable with Atlassian's own toolchain, checked without the network:
 * `forge deploy` bundles the backend with @forge/bundler (webpack + ts-loader over the root
 * tsconfig.json), so the tsconfig must let TypeScript emit; the type check asks for no output on its
 * own command line. The packaging itself runs in `npm run forge:check` (dev/forge-checks/run.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
// Plain JSON on purpose: @forge/bundler and @forge/lint read this file too.
const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };

describe('deployable with forge deploy', () => {
  it('lets ts-loader emit: no noEmit in tsconfig.json, --noEmit on the type check only', () => {
    expect(tsconfig.compilerOptions.noEmit).toBeUndefined();
    expect(tsconfig.compilerOptions.emitDeclarationOnly).toBeUndefined();
    expect(packageJson.scripts.typecheck).toMatch(/--noEmit/);
  });

  it('runs forge deploy\'s packaging in npm test, before the tests that load the bundle', () => {
    expect(packageJson.scripts.test).toMatch(/forge:check.*test:unit/);
    expect(readFileSync(join(ROOT, 'dev/forge-checks/run.ts'), 'utf8')).toMatch(/packageApp\(\)/);
  });

  it('pins Atlassian\'s internal packages to exact versions', () => {
    for (const name of ['@forge/cli', '@forge/bundler', '@forge/lint', '@forge/manifest']) {
      expect(packageJson.devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(packageJson.devDependencies.typescript).toMatch(/^5\.9\.\d+$/);
  });

  it('runs no install script that downloads a binary: cloudflared (forge tunnel) and the CLI\'s own are denied', () => {
    expect(packageJson.allowScripts).toMatchObject({ cloudflared: false, '@forge/cli': false, keytar: false });
  });

  it('does not depend on UI Kit 1 (@forge/ui, removed by Atlassian)', () => {
    expect({ ...packageJson.dependencies, ...packageJson.devDependencies }).not.toHaveProperty('@forge/ui');
  });
});
