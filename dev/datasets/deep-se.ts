/**
 * Real issue texts for tests, demos and scale checks: the Deep-SE CSVs beside the repository
 * (`../shared/jira/datasets/deep-se`), as Jira Cloud v3 issues with ADF descriptions.
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JiraIssue } from '../../src/domain/jira-issue';
import { readDeepSe } from './deep-se-reader';

/** The Deep-SE dataset folder, or undefined when it is not there (it is optional, beside the checkout in ../shared). */
export function deepSeDir(): string | undefined {
  // This file is dev/datasets/deep-se.ts: three levels up is the folder that holds the repository.
  const dir = fileURLToPath(new URL('../../../shared/jira/datasets/deep-se', import.meta.url));
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

/** Every issue of the dataset (or a part), synchronously and deterministically. Throws when there is no dataset. */
export function loadDeepSeIssues(options?: { dir?: string; limit?: number; projects?: string[] }): JiraIssue[] {
  const dir = options?.dir ?? deepSeDir();
  if (dir === undefined || !existsSync(dir)) {
    throw new Error(`The Deep-SE dataset is not there (${dir ?? '../shared/jira/datasets/deep-se'}); it lives beside the repository in ../shared.`);
  }
  return readDeepSe({ dir, limit: options?.limit, projects: options?.projects }).issues;
}
