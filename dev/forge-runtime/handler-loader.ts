/**
 * Finds and imports the function a manifest handler names (`index.resolver` → export `resolver` of
 * src/index.ts), with a plain dynamic import(): the process runs under tsx (or vitest), which load
 * TypeScript. A missing file or export is reported in words, as the invocation's error.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionDefinition } from './manifest';

export type ForgeFunction = (event: unknown, context: unknown) => unknown;

export class HandlerNotFoundError extends Error {
  override readonly name = 'HandlerNotFoundError';
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.jsx'];

export class HandlerLoader {
  private readonly cache = new Map<string, Promise<ForgeFunction>>();

  /** `sourceDir` is the app's src/ folder, where Forge resolves handler paths. */
  constructor(private readonly sourceDir: string) {}

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
    const file = await this.findFile(definition.modulePath);
    if (file === undefined) {
      throw new HandlerNotFoundError(
        `The handler "${definition.handler}" of function "${definition.key}" needs src/${definition.modulePath}.ts (or .js), which does not exist.`,
      );
    }
    const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
    const exported = module[definition.exportName];
    if (typeof exported !== 'function') {
      const found = exported === undefined ? 'has no such export' : `exports it as a ${typeof exported}, not a function`;
      throw new HandlerNotFoundError(`The handler "${definition.handler}" of function "${definition.key}": src/${definition.modulePath} ${found}.`);
    }
    return exported as ForgeFunction;
  }

  private async findFile(modulePath: string): Promise<string | undefined> {
    for (const extension of EXTENSIONS) {
      const candidate = join(this.sourceDir, modulePath + extension);
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
