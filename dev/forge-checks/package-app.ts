/**
 * `forge deploy`'s packaging step, run offline with Atlassian's own classes (pinned @forge/cli and
 * the @forge/bundler it uses): the backend is bundled by webpack + ts-loader over the root
 * tsconfig.json exactly as `forge deploy` bundles it before uploading, and each Custom UI resource is
 * zipped as the CLI zips it. Only the upload and the deployment, which need Atlassian's cloud, are
 * left out.
 *
 * One stand-in, said plainly: `forge deploy` downloads Forge's runtime wrapper (the script that
 * loads the bundle inside Atlassian's Node.js runtime) from Atlassian's CDN. Offline, the CLI's own
 * `FORGE_RUNTIME_PATH` switch makes it read that wrapper from a local folder instead; we give it a
 * stub whose only job is to say it is a stub. Everything the app itself ships (the bundled
 * handlers, their dependencies, the manifest, the resource archives) is what `forge deploy` would
 * upload.
 *
 * The runtime archive is also unpacked (the CLI's `FORGE_INSPECT_ARCHIVE` switch) into
 * `dist/forge-package/runtime`, so the local Forge runtime can run the very bundle that would ship
 * (`npm start -- --bundle`, and the tests that load it).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const PACKAGE_DIR = join(REPO_ROOT, 'dist', 'forge-package');
export const RUNTIME_DIR = join(PACKAGE_DIR, 'runtime');

/** What the packaging produced, for the report and the tests. */
export interface PackagingResult {
  /** The zip `forge deploy` would upload as the app's code. */
  readonly runtimeArchive: string;
  readonly runtimeArchiveBytes: number;
  /** The unpacked archive: `index.cjs` is the webpack bundle of src/index.ts. */
  readonly runtimeDir: string;
  /** The handler bundles (entry points of the manifest's functions) and their sizes. */
  readonly bundles: readonly { readonly file: string; readonly bytes: number }[];
  /** The npm packages webpack pulled into the bundle, as the CLI reports them. */
  readonly modules: readonly string[];
  readonly resources: readonly { readonly key: string; readonly zip: string; readonly zipBytes: number; readonly files: number }[];
}

interface Logger {
  traceEnabled: boolean;
  debugEnabled: boolean;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(error: Error): void;
}

/** The CLI's classes, loaded from @forge/cli's own dependency tree so versions match `forge deploy`. */
function cliModules() {
  // The bundler refuses to run without `require.main` (it resolves its loaders from there), which a
  // CommonJS entry sets and an ES module entry such as this one does not: stand in for it.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- `require.main` is read from here; `process.main` does not exist in Node 20
  process.mainModule ??= new Module(fileURLToPath(import.meta.url));
  const fromCli = createRequire(createRequire(import.meta.url).resolve('@forge/cli/package.json'));
  const shared = fromCli('@forge/cli-shared');
  const bundler = fromCli('@forge/bundler');
  const { RuntimeBundler } = fromCli('./out/deploy/packager/runtime-bundler.js');
  const { AppPackager } = fromCli('./out/deploy/packager/packager.js');
  const { makeArchiver } = fromCli('./out/deploy/packager/archiver.js');
  const { ResourcePackagingService } = fromCli('./out/service/resource-packaging-service.js');
  return { shared, bundler, RuntimeBundler, AppPackager, makeArchiver, ResourcePackagingService } as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A folder standing in for the CDN's runtime wrapper (`dist/wrapper.js`, `dist/loader.js`). */
function runtimeWrapperStub(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-runtime-stub-'));
  mkdirSync(join(dir, 'dist'));
  const stub = (name: string) =>
    `// Local stand-in for Forge's ${name}, which \`forge deploy\` downloads from Atlassian's CDN.\n` +
    `// Offline packaging only: the real one loads the app's bundle inside Forge's Node.js runtime.\n` +
    `throw new Error('This is the offline stand-in for the Forge runtime ${name}; it is replaced by Atlassian\\'s on a real deploy.');\n`;
  writeFileSync(join(dir, 'dist', 'wrapper.js'), stub('wrapper'));
  writeFileSync(join(dir, 'dist', 'loader.js'), stub('loader'));
  return dir;
}

function sizeOf(path: string): number {
  return statSync(path).size;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Packages the app as `forge deploy` does. Needs the Custom UI built (static/<app>/dist): the
 * CLI zips resources as they are. Throws, with the bundler's or packager's own message, when
 * bundling or packaging fails.
 */
export async function packageApp(log: (line: string) => void = console.log): Promise<PackagingResult> {
  const { shared, bundler, RuntimeBundler, AppPackager, makeArchiver, ResourcePackagingService } = cliModules();
  const logger: Logger = {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: () => undefined,
    info: (message) => { log(`  ${message}`); },
    warn: (message) => { log(`  warning: ${message}`); },
    error: (error) => { log(`  error: ${error.message}`); },
  };
  const previousCwd = process.cwd();
  const previousEnv = { runtime: process.env.FORGE_RUNTIME_PATH, inspect: process.env.FORGE_INSPECT_ARCHIVE };
  const stubDir = runtimeWrapperStub();
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  mkdirSync(RUNTIME_DIR, { recursive: true });
  // The CLI reads the manifest, tsconfig.json and src/ relative to the working directory.
  process.chdir(REPO_ROOT);
  try {
    process.env.FORGE_RUNTIME_PATH = stubDir;
    const fileReader = new shared.FileSystemReader();
    const configFile = new shared.ConfigFile(fileReader, new shared.FileSystemWriter());
    // The statsig service only decides Atlassian's feature gates; the default (webpack) bundler
    // never asks it, and the local wrapper provider does not either.
    const offlineStatsig = { isTypescriptBundlerEnabled: () => Promise.resolve(false) };
    const wrapperProvider = bundler.getWrapperProvider({ fileSystemReader: fileReader, statsigService: offlineStatsig });
    const nodeBundler = bundler.getNodeBundler(logger, wrapperProvider, configFile, offlineStatsig);
    const archiverFactory = () => makeArchiver(logger);
    const runtimeBundler = new RuntimeBundler(archiverFactory, logger, nodeBundler, fileReader, configFile);
    // Analytics go to Atlassian; offline they are dropped.
    const analytics = { reportAppPackaged: () => Promise.resolve() };
    const packager = new AppPackager(runtimeBundler, new bundler.NativeUIBundler(logger), logger, analytics);

    const handlers = await configFile.getAppHandlers();
    const resources = (await configFile.getResources()) as { key: string; path: string; resourceType: string }[];
    const config = await configFile.readConfig();
    const toBundle = resources.filter((resource) => shared.shouldBundleResource(resource));
    const preBuilt = resources.filter((resource) => !shared.shouldBundleResource(resource));

    // As PackageUploadDeployCommand.packageUpload does, minus the upload.
    process.env.FORGE_INSPECT_ARCHIVE = RUNTIME_DIR;
    const i18n = await new shared.I18nResourceBundlingService().bundle(config.modules, config.translations);
    const packaged = await packager.package({ handlers, resources: toBundle, allResources: resources, packageConfig: config.app?.package, i18nResourceBundle: i18n, i18nConfig: config.translations });
    delete process.env.FORGE_INSPECT_ARCHIVE;
    const zipper = new ResourcePackagingService(archiverFactory, fileReader, REPO_ROOT, new shared.BridgeScriptService(), new shared.IframeResizerScriptService());
    const archives = (await zipper.zipResources([...preBuilt, ...packaged.nativeUiBundlesDetails], i18n)) as Record<string, { zipPath: string; fileCount: number }>;

    const runtimeArchive = join(PACKAGE_DIR, 'runtime.zip');
    cpSync(packaged.runtimeArchivePath, runtimeArchive);
    const resourceResults = Object.entries(archives).map(([key, archive]) => {
      const zip = join(PACKAGE_DIR, `resource-${key}.zip`);
      cpSync(archive.zipPath, zip);
      return { key, zip, zipBytes: sizeOf(zip), files: archive.fileCount };
    });
    const entryNames = new Set((handlers as { module: string }[]).map((handler) => `${handler.module}.cjs`));
    const bundles = filesUnder(RUNTIME_DIR)
      .filter((file) => entryNames.has(relative(RUNTIME_DIR, file)))
      .map((file) => ({ file, bytes: sizeOf(file) }));
    if (bundles.length === 0) throw new Error(`The bundler produced none of ${[...entryNames].join(', ')} in ${RUNTIME_DIR}.`);
    return {
      runtimeArchive,
      runtimeArchiveBytes: sizeOf(runtimeArchive),
      runtimeDir: RUNTIME_DIR,
      bundles,
      modules: [...(packaged.moduleList ?? [])].sort(),
      resources: resourceResults,
    };
  } finally {
    process.chdir(previousCwd);
    restore('FORGE_RUNTIME_PATH', previousEnv.runtime);
    restore('FORGE_INSPECT_ARCHIVE', previousEnv.inspect);
    rmSync(stubDir, { recursive: true, force: true });
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
}

/** What the backend bundle is made from: when any is newer than the bundle, it is stale. */
const BUNDLE_INPUTS = ['src', 'manifest.yml', 'tsconfig.json', 'package-lock.json'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Whether the packaged bundle is missing or older than what it is built from. */
export function isPackageStale(): boolean {
  const bundle = join(RUNTIME_DIR, 'index.cjs');
  if (!existsSync(bundle)) return true;
  const builtAt = statSync(bundle).mtimeMs;
  return BUNDLE_INPUTS.some((input) => newestChange(join(REPO_ROOT, input)) > builtAt);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} KiB`;
}

/** The packaging report: sizes, and the npm packages the bundle pulls in. */
export function describePackaging(result: PackagingResult): string[] {
  return [
    `runtime archive ${relative(REPO_ROOT, result.runtimeArchive)}: ${kib(result.runtimeArchiveBytes)} (zip)`,
    ...result.bundles.map((bundle) => `  bundle ${relative(REPO_ROOT, bundle.file)}: ${kib(bundle.bytes)}`),
    `  npm packages in the bundle (${result.modules.length}): ${result.modules.join(', ')}`,
    ...result.resources.map((resource) => `resource ${resource.key}: ${relative(REPO_ROOT, resource.zip)}, ${resource.files} files, ${kib(resource.zipBytes)} (zip)`),
  ];
}
