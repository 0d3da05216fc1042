/**
 * Where the real Jira material lives: `../shared/jira` beside the checkout (CI always has it).
 * Resolved from this file so it does not depend on the working directory.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function repoRootDir(): string {
  return repoRoot;
}

/** The `shared/jira` folder, or undefined when it is not beside the checkout. */
export function sharedJiraDir(): string | undefined {
  const dir = resolve(repoRoot, '..', 'shared', 'jira');
  return existsSync(dir) ? dir : undefined;
}
