/**
 * `npm run forge:check`: the checks `forge lint` and `forge deploy` make before anything leaves the
 * machine, run offline with Atlassian's own packages (pinned in package.json):
 *   1. @forge/manifest FULL validation of manifest.yml;
 *   2. the client-side linters of @forge/lint over src/ (handler exports, scopes, CSP, storage
 *      modules, timeouts, …), with the PermissionLinter checking every Jira route against
 *      Atlassian's OpenAPI description, vendored (trimmed to the operations the app uses) in
 *      test/fixtures/jira/openapi.
 * Any error or warning fails the run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describePackaging, packageApp } from './package-app';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const jiraSpec = resolve(root, 'test/fixtures/jira/openapi/jira-platform-v3.trimmed.json');

interface Problem {
  readonly message: string;
  readonly reference: string;
  readonly line: number;
  readonly column: number;
}

function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listSourceFiles(path));
    else if (/\.(ts|tsx|js|jsx)$/.test(name)) files.push(relative(root, path));
  }
  return files;
}

async function validateManifest(): Promise<number> {
  const { ProcessorBuilder, ValidationTypes } = await import('@forge/manifest');
  const result = await ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process();
  const errors = (result.errors ?? []) as Problem[];
  for (const e of errors) console.log(`  manifest.yml:${e.line}:${e.column}  ${e.message}  (${e.reference})`);
  console.log(`@forge/manifest FULL validation: ${result.success ? 'passed' : 'failed'}, ${errors.length} problem(s)`);
  return result.success ? errors.length : Math.max(1, errors.length);
}

/** PermissionLinter reads these variables; the products this app never calls get an empty spec. */
function useLocalSwagger(): boolean {
  if (!existsSync(jiraSpec)) return false;
  const empty = join(mkdtempSync(join(tmpdir(), 'forge-lint-')), 'empty-swagger.json');
  writeFileSync(empty, JSON.stringify({ paths: {} }));
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: jiraSpec,
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
  return true;
}

async function runLinters(): Promise<{ errors: number; warnings: number }> {
  const withSpec = useLocalSwagger();
  const { lint, getClientSideLintersOnly } = await import('@forge/lint');
  const manifest = parseYaml(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Parameters<typeof lint>[1];
  const logger = { info: (message: string) => { console.log(message); } };
  // Feature gates and dynamic configs come from Atlassian's service, which needs a login. Atlassian's
  // own StatsigReader turns "no answer" into each gate's default, as the CLI does when offline.
  const { StatsigReader } = await import('@forge/cli-shared');
  class OfflineStatsig extends StatsigReader {
    checkGate(): Promise<null> {
      return Promise.resolve(null);
    }
    getDynamicConfig(): Promise<null> {
      return Promise.resolve(null);
    }
  }
  const statsig = new OfflineStatsig() as unknown as Parameters<typeof lint>[4];
  let linters = await getClientSideLintersOnly(manifest, 'development', logger, statsig);
  if (!withSpec) {
    linters = linters.filter((linter) => linter.constructor.name !== 'PermissionLinter');
    console.log(`PermissionLinter SKIPPED: ${jiraSpec} is absent, so Jira routes were not checked against scopes.`);
  } else {
    console.log(`PermissionLinter: checking Jira routes against ${relative(root, jiraSpec)}`);
  }
  const files = listSourceFiles(join(root, 'src'));
  // @forge/lint silently skips a .ts file that tsconfig's `include` globs do not list file by
  // file (a bare "src" matches only the folder): make sure every source file is really linted.
  const { listTSConfigIncludeExclude, FileSystemReader } = await import('@forge/cli-shared');
  const { include, exclude } = await listTSConfigIncludeExclude(new FileSystemReader());
  const skipped = files.filter((file) => /\.tsx?$/.test(file) && (!include.includes(resolve(file)) || exclude.includes(resolve(file))));
  for (const file of skipped) console.log(`  error    ${file}: not matched by tsconfig.json "include", so @forge/lint would not check it`);
  const results = await lint(files, manifest, 'development', logger, statsig, { linter: { mode: 'client-side' }, linters });
  let errors = skipped.length;
  let warnings = 0;
  for (const result of results) {
    for (const e of result.errors) console.log(`  error    ${result.file}:${e.line}:${e.column}  ${e.message}  (${e.reference})`);
    for (const w of result.warnings) console.log(`  warning  ${result.file}:${w.line}:${w.column}  ${w.message}  (${w.reference})`);
    errors += result.errors.length + result.approvals.length;
    warnings += result.warnings.length;
  }
  console.log(`@forge/lint client-side linters (${linters.length}) over ${files.length} files: ${errors} error(s), ${warnings} warning(s)`);
  return { errors, warnings };
}

/** Packages the app as `forge deploy` does and prints what would be uploaded; 1 when it fails. */
async function packageAsDeployWould(): Promise<number> {
  const started = Date.now();
  try {
    const result = await packageApp();
    for (const line of describePackaging(result)) console.log(`  ${line}`);
    console.log(`forge deploy packaging (@forge/cli, @forge/bundler, offline): passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error: unknown) {
    console.log(`  ${error instanceof Error ? error.message : String(error)}`);
    console.log('forge deploy packaging (@forge/cli, @forge/bundler, offline): FAILED');
    return 1;
  }
}

process.chdir(root);
const manifestProblems = await validateManifest();
const { errors, warnings } = await runLinters();
const packagingFailures = await packageAsDeployWould();
if (manifestProblems + errors + warnings + packagingFailures > 0) {
  console.log('Forge checks FAILED');
  process.exit(1);
}
console.log('Forge checks passed: 0 errors, 0 warnings, packaged as forge deploy would');
