/**
 * No import cycles in src/, dev/ and static/. A cycle means none of its modules can be read,
 * tested or moved without the others, and a value cycle also makes the evaluation order of the
 * modules decide which of them sees the other's exports as undefined.
 *
 * Type-only imports count too. They vanish at run time, but the emulator's cycle
 * (edit-issue ↔ model ↔ state ↔ render-issue) was made mostly of them, and it was exactly the
 * coupling that made those modules one: a module that needs another's types to be understood
 * depends on it as much as one that calls it.
 *
 * Imports are read with TypeScript's own parser (static `import`/`export … from`, dynamic
 * `import('…')` with a literal) and resolved with TypeScript's module resolution under the
 * project's compiler options, so `./x` finds `x.ts`, `x.tsx` or `x/index.ts` as tsc does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = ['src', 'dev', 'static'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.data']);
const SOURCE = /\.(?:ts|tsx|mts|cts)$/;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED_FOLDERS.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The module specifiers a file imports or re-exports, as written. */
export function importedSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument !== undefined && ts.isStringLiteralLike(argument)) specifiers.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

function compilerOptions(): ts.CompilerOptions {
  const configFile = join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path)) as { config: unknown };
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile).options;
}

/** Each project file and the project files it imports (packages are not followed: they cannot import us back). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const cache = ts.createModuleResolutionCache(root, (name) => name, options);
  const inProject = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const specifier of importedSpecifiers(file, readFileSync(file, 'utf8'))) {
      const resolved = ts.resolveModuleName(specifier, file, options, host, cache).resolvedModule;
      if (resolved === undefined || resolved.isExternalLibraryImport === true) continue;
      const target = resolve(resolved.resolvedFileName);
      if (inProject.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Modules that import one another, and one closed path through them so that a reader sees the way round. */
export interface ImportCycle {
  readonly path: readonly string[];
  /** Every module of the strongly connected component, sorted: breaking `path` alone may leave others. */
  readonly modules: readonly string[];
}

/** The graph's cycles: one per strongly connected component of more than one module, or a module importing itself. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): ImportCycle[] {
  // Tarjan's algorithm, iteratively, so that a long import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; edge: number };
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++] as string;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = member === frame.node ? undefined : stack.pop()) {
          onStack.delete(member);
          component.push(member);
        }
        if (component.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) components.push(component);
      }
    }
  }
  return components.map((component) => ({ path: closedPath(graph, new Set(component)), modules: [...component].sort() }));
}

/** A shortest way from the component's first module (by name) back to itself, inside the component. */
function closedPath(graph: ReadonlyMap<string, readonly string[]>, component: ReadonlySet<string>): string[] {
  const [first] = [...component].sort();
  const start = first as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const target of graph.get(node) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step: string | undefined = node; step !== undefined && step !== start; step = cameFrom.get(step)) path.splice(1, 0, step);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

describe('no import cycles', () => {
  it('src/, dev/ and static/ import one another without a cycle, types included', () => {
    const files = FOLDERS.flatMap((folder) => sourcesUnder(join(root, folder)));
    const name = (file: string): string => relative(root, file);
    const cycles = importCycles(importGraph(files)).map(({ path, modules }) => `${path.map(name).join(' → ')} (all of: ${modules.map(name).join(', ')})`);
    expect(cycles).toEqual([]);
  });

  it('the check finds what it forbids', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(importCycles(graph)).toEqual([
      { path: ['a', 'b', 'c', 'a'], modules: ['a', 'b', 'c'] },
      { path: ['e', 'e'], modules: ['e'] },
    ]);
    expect(importCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    const imports = importedSpecifiers(
      'probe.ts',
      "import type { A } from './types';\nimport { b, type C } from './b';\nexport { d } from './d';\nexport type { E } from './e';\nconst f = await import('./f');\nimport './g';",
    );
    expect(imports.sort()).toEqual(['./b', './d', './e', './f', './g', './types']);
  });
});
