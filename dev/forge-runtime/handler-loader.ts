/**
 * Finds and imports the function a manifest handler names (`index.resolver` → export `resolver`).
 * Two sources, as the runtime is told:
 * - `sources`: src/index.ts with a plain dynamic import(): the process runs under tsx (or vitest),
 *   which load TypeScript. Quick to change, but not what ships.
 * - `bundle`: the webpack bundle that `forge deploy` would upload (`index.cjs`, built by Atlassian's
 *   bundler through dev/forge-checks/package-app.ts), loaded with Node's own require, as Forge's
 *   runtime loads it: what ships is what runs.
 * A missing file or export is reported in words, as the invocation's error.
 */
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionDefinition } from './manifest';

/** Where the handlers come from: the TypeScript sources, or the deploy bundle's folder. */
export type HandlerSource = { readonly kind: 'sources'; readonly dir: string } | { readonly kind: 'bundle'; readonly dir: string };

export type ForgeFunction = (event: unknown, context: unknown) => unknown;

export class HandlerNotFoundError extends Error {
  override readonly name = 'HandlerNotFoundError';
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.jsx'];
/** The webpack config of @forge/bundler names every entry `[name].cjs`. */
const BUNDLE_EXTENSIONS = ['.cjs'];

export class HandlerLoader {
  private readonly cache = new Map<string, Promise<ForgeFunction>>();

  /** For sources, `dir` is the app's src/ folder, where Forge resolves handler paths. */
  constructor(private readonly source: HandlerSource) {}

  load(definition: FunctionDefinition): Promise<ForgeFunction> {
    let loading = this.cache.get(definition.key);
    if (loading === undefined) {
      loading = this.importHandler(definition);
      // A failed load is not cached: fixing the file and calling again works without a restart.
      loading.catch(() => this.cache.delete(definition.key));
      this.cache.set(definition.key, loading);
    }
    return loading;
  }

  private async importHandler(definition: FunctionDefinition): Promise<ForgeFunction> {
    const bundle = this.source.kind === 'bundle';
    const file = await this.findFile(definition.modulePath);
    if (file === undefined) {
      throw new HandlerNotFoundError(
        bundle
          ? `The handler "${definition.handler}" of function "${definition.key}" needs ${definition.modulePath}.cjs in the deploy bundle (${this.source.dir}), which does not exist: run npm run forge:check to package the app.`
          : `The handler "${definition.handler}" of function "${definition.key}" needs src/${definition.modulePath}.ts (or .js), which does not exist.`,
      );
    }
    const module = bundle
      ? (createRequire(import.meta.url)(file) as Record<string, unknown>)
      : ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>);
    const exported = module[definition.exportName];
    if (typeof exported !== 'function') {
      const found = exported === undefined ? 'has no such export' : `exports it as a ${typeof exported}, not a function`;
      const where = bundle ? `the bundle's ${definition.modulePath}.cjs` : `src/${definition.modulePath}`;
      throw new HandlerNotFoundError(`The handler "${definition.handler}" of function "${definition.key}": ${where} ${found}.`);
    }
    return exported as ForgeFunction;
  }

  private async findFile(modulePath: string): Promise<string | undefined> {
    for (const extension of this.source.kind === 'bundle' ? BUNDLE_EXTENSIONS : SOURCE_EXTENSIONS) {
      const candidate = join(this.source.dir, modulePath + extension);
      try {
        await access(candidate);
        return candidate;
      } catch {
        // Try the next extension.
      }
    }
    return undefined;
  }
}
