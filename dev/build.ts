/**
 * Builds the Custom UI apps (static/<app>, each with its own index.html) into static/<app>/dist,
 * the folders manifest.yml names and `forge deploy` uploads.
 *
 *   npx tsx dev/build.ts             build every app
 *   npx tsx dev/build.ts --if-stale  only apps whose dist is missing or older than their sources
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { customUiConfig } from '../static/vite.apps';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
const STATIC_DIR = join(REPO_ROOT, 'static');
/** Sources every app depends on besides its own folder (the pure domain too: the settings page reads the model catalogue). */
const SHARED_INPUTS = [join(STATIC_DIR, 'common'), join(STATIC_DIR, 'vite.apps.ts'), join(REPO_ROOT, 'src/contract.ts'), join(REPO_ROOT, 'src/domain'), join(REPO_ROOT, 'package-lock.json')];

/** The app folders: static/<name>/index.html. */
export function customUiApps(): string[] {
  return readdirSync(STATIC_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(STATIC_DIR, entry.name, 'index.html')))
    .map((entry) => join(STATIC_DIR, entry.name));
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

export function isStale(appDir: string): boolean {
  const built = join(appDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return [appDir, ...SHARED_INPUTS].some((input) => newestChange(input) > builtAt);
}

export interface BuildOptions {
  readonly onlyStale?: boolean;
  readonly log?: (line: string) => void;
}

/** Builds the apps (all, or the stale ones); returns the folders built. */
export async function buildCustomUi(options: BuildOptions = {}): Promise<string[]> {
  const log = options.log ?? ((line: string) => {
    console.log(line);
  });
  const apps = customUiApps().filter((app) => options.onlyStale !== true || isStale(app));
  for (const app of apps) {
    const started = Date.now();
    await build(customUiConfig(app));
    log(`built ${join('static', app.slice(STATIC_DIR.length + 1), 'dist')} in ${Date.now() - started} ms`);
  }
  return apps;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const onlyStale = process.argv.includes('--if-stale');
  const built = await buildCustomUi({ onlyStale });
  if (built.length === 0) console.log('Custom UI apps are up to date.');
}
