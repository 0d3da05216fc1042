/**
 * Two kinds of code, two TypeScript projects, so that neither can reach for the other's globals:
 * the backend and dev/ (Node, no DOM: `document` in a resolver is a compile error) and the browser
 * code, the Custom UI apps and the shell's scripts for its page (the DOM, no Node: `process` or
 * `node:fs` in a Custom UI app is a compile error). Tests and benchmarks drive both, so they see
 * both (bench/tsconfig.json is the test project, so that ESLint finds it for bench files). The root
 * tsconfig.json is also what `forge deploy`'s bundler compiles src/ with.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function projectOf(folder: string): ts.ParsedCommandLine {
  const file = join(ROOT, folder, 'tsconfig.json');
  const { config } = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config, ts.sys, join(ROOT, folder), undefined, file);
}

function seesDom(project: ts.ParsedCommandLine): boolean {
  return (project.options.lib ?? []).some((lib) => /dom/i.test(lib));
}

/** Type-checks `code` as a file in `dir` of the project at `folder`; returns the diagnostics' messages. */
function compileProbe(folder: string, dir: string, code: string): string[] {
  const project = projectOf(folder);
  const probe = join(ROOT, dir, '__probe__.ts');
  const host = ts.createCompilerHost(project.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === probe ? code : readFile(path));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (path) => path === probe || fileExists(path);
  const program = ts.createProgram([probe], { ...project.options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('TypeScript projects', () => {
  it('the backend and dev/ see Node and no DOM; src/ files are all in it', () => {
    const backend = projectOf('.');
    expect(seesDom(backend)).toBe(false);
    expect(backend.options.types).toEqual(['node']);
    expect(backend.options.noEmit).toBeUndefined();
    expect(backend.fileNames.some((file) => file.endsWith('src/index.ts'))).toBe(true);
    expect(backend.fileNames.some((file) => file.includes('/static/') && !file.endsWith('vite.apps.ts'))).toBe(false);
  });

  it('the Custom UI apps and the shell\'s page scripts see the DOM and no Node', () => {
    for (const folder of ['static', 'dev/shell/client']) {
      const browser = projectOf(folder);
      expect(seesDom(browser), folder).toBe(true);
      expect(browser.options.types, folder).toEqual([]);
    }
  });

  it('refuses document in the backend and process in a Custom UI app', () => {
    expect(compileProbe('.', 'src', 'export const title = document.title;\n').join('\n')).toMatch(/Cannot find name 'document'/);
    expect(compileProbe('static', 'static', 'export const mode = process.env.NODE_ENV;\n').join('\n')).toMatch(/Cannot find name 'process'/);
    expect(compileProbe('static', 'static', 'export const title = document.title;\n')).toEqual([]);
  });
});
