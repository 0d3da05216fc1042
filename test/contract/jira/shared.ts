/**
 * Where the real Jira material is (`../shared/jira`), and a way to read it. Tests that need it
 * name themselves "(skipped: ../shared/jira is absent)" when it is not there.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedJiraDir } from '../../../dev/openapi/shared-jira';

export const sharedDir: string | undefined = sharedJiraDir();

export const absentNote = sharedDir === undefined ? ' (skipped: ../shared/jira is absent beside the checkout)' : '';

export function readShared(relative: string): unknown {
  if (sharedDir === undefined) throw new Error('../shared/jira is absent');
  return JSON.parse(readFileSync(join(sharedDir, relative), 'utf8'));
}

export function listShared(folder: string): string[] {
  if (sharedDir === undefined) return [];
  return readdirSync(join(sharedDir, folder)).sort();
}
