/**
 * The bundle `forge deploy` would upload, for the tests that run it: packaged by Atlassian's
 * bundler (dev/forge-checks/package.ts) in a child process when it is missing or older than src/.
 * `npm test` packages it in `forge:check` before vitest runs, so this usually finds it fresh.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isPackageStale, REPO_ROOT, RUNTIME_DIR } from '../dev/forge-checks/package-app';

export const BUNDLE_FILE = join(RUNTIME_DIR, 'index.cjs');

/** The folder of the packaged runtime, packaging first when it is stale. */
export function deployBundleDir(): string {
  if (isPackageStale()) {
    // Without vitest's NODE_ENV=test, so that Vite builds the Custom UI for production, as npm run build does.
    const env = { ...process.env };
    delete env.NODE_ENV;
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'dev/forge-checks/package.ts')], { cwd: REPO_ROOT, env, stdio: 'inherit', timeout: 300_000 });
  }
  return RUNTIME_DIR;
}

/** Whether Node's own require loaded the bundle in this process (the runtime ran it, not src/). */
export function bundleWasLoaded(): boolean {
  return createRequire(import.meta.url).cache[BUNDLE_FILE] !== undefined;
}
