/**
 * The shell's two browser scripts, compiled from TypeScript when the shell starts (each is one
 * self-contained file, so compiling is all the build they need): the bridge injected into app
 * frames, and the host script of the shell page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const CLIENT_DIR = join(import.meta.dirname, 'client');

export interface ClientScripts {
  readonly bridgeClient: string;
  readonly shellHost: string;
}

function compile(file: string, module: ts.ModuleKind): string {
  const source = readFileSync(join(CLIENT_DIR, file), 'utf8');
  const output = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module, verbatimModuleSyntax: false, isolatedModules: true, removeComments: false },
  });
  const errors = output.diagnostics ?? [];
  if (errors.length > 0) throw new Error(`dev/shell/client/${file}: ${ts.flattenDiagnosticMessageText(errors[0]?.messageText ?? '', '\n')}`);
  // A classic script must not end with `export {}` (type-only imports leave it behind).
  return output.outputText.replace(/^export \{\};?\s*$/m, '');
}

let compiled: ClientScripts | undefined;

export function clientScripts(): ClientScripts {
  compiled ??= { bridgeClient: compile('bridge-client.ts', ts.ModuleKind.ESNext), shellHost: compile('shell-host.ts', ts.ModuleKind.ESNext) };
  return compiled;
}
