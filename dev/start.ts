/**
 * `npm start`: the app running locally as in Jira. Builds the Custom UI apps that are missing or
 * stale, starts the Jira emulator with the demo dataset (or `--data FILE`), the local Forge runtime
 * (its storage kept under .data/ between restarts; `--reset` starts over) and the Jira shell, all
 * behind one address. Ctrl-C stops everything cleanly.
 *
 *   npm start [-- --port 8080] [--data FILE] [--reset] [--bundle]
 *
 * Without `--reset`, the app's storage is kept but Jira starts again from the dataset: the app is
 * brought back in step at once (dev/app-data-in-step.ts).
 *
 * `--bundle` runs the backend from the bundle `forge deploy` would upload (packaged offline by
 * Atlassian's bundler, dev/forge-checks/package-app.ts; repackaged when src/ is newer) instead of
 * the TypeScript sources: what ships is what runs.
 */
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCustomUi, REPO_ROOT } from './build';
import { describePackaging, isPackageStale, packageApp, RUNTIME_DIR } from './forge-checks/package-app';
import { createForgeRuntime } from './forge-runtime';
import type { ForgeRuntime } from './forge-runtime';
import { DatasetError, loadDatasetFile, startJiraEmulator } from './jira-emulator';
import type { Dataset, JiraEmulator } from './jira-emulator';
import { seedDemoConfiguration } from './demo-data/seed-configuration';
import { keepAppDataInStep } from './app-data-in-step';
import { listenOnLoopback, PortInUseError, SHELL_HOST, startJiraShell } from './shell';
import type { JiraShell } from './shell';

const DEMO_DATASET = join(REPO_ROOT, 'dev/demo-data/demo.json');
const DATA_DIR = join(REPO_ROOT, '.data');
const USAGE = `Usage: npm start [-- --port 8080] [--data FILE] [--reset] [--bundle]
  --port N     the shell's port on ${SHELL_HOST} (default 8080; 0 picks a free one)
  --data FILE  a Jira dataset in the emulator's format (default dev/demo-data/demo.json)
  --reset      forget the app's stored data (.data/) and start over
  --bundle     run the backend from the bundle forge deploy would upload (Atlassian's bundler)`;

function fail(message: string, code = 1): never {
  console.error(`npm start: ${message}`);
  process.exit(code);
}

function options(): { port: number; data: string; reset: boolean; bundle: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8080' },
        data: { type: 'string', default: DEMO_DATASET },
        reset: { type: 'boolean', default: false },
        bundle: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error: unknown) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a port number from 0 to 65535 (got "${values.port}").`, 2);
  return { port, data: resolve(values.data), reset: values.reset, bundle: values.bundle };
}

async function main(): Promise<void> {
  const args = options();

  // Cheap checks first, before anything is built or bound.
  if (!existsSync(args.data)) fail(`the dataset file ${args.data} does not exist. Pass --data with a dataset JSON file, or leave it out for the demo data.`, 2);
  let dataset: Dataset;
  try {
    dataset = loadDatasetFile(args.data);
  } catch (error: unknown) {
    if (error instanceof DatasetError) fail(`the dataset cannot be loaded: ${error.message}`, 2);
    throw error;
  }

  const server = createServer((_request, response) => {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' });
    response.end('The Jira shell is starting; reload in a moment.');
  });
  let port: number;
  try {
    port = await listenOnLoopback(server, args.port);
  } catch (error: unknown) {
    if (error instanceof PortInUseError) fail(error.message, 1);
    throw error;
  }
  const url = `http://${SHELL_HOST}:${port}`;

  // What is running, for Ctrl-C to stop in reverse order.
  const running: { emulator?: JiraEmulator; runtime?: ForgeRuntime; shell?: JiraShell } = {};
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      console.error(`${signal} again: stopping at once.`);
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    if (running.shell !== undefined) await running.shell.close();
    else server.close();
    await running.runtime?.close();
    await running.emulator?.close();
    console.log('Stopped. The app data is kept in .data/ (npm start -- --reset starts over).');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const built = await buildCustomUi({ onlyStale: true, log: (line) => { console.log(line); } });
  if (built.length === 0) console.log('Custom UI apps are up to date.');
  if (args.bundle) {
    if (isPackageStale()) {
      console.log('--bundle: packaging the app as forge deploy would (Atlassian\'s bundler)…');
      try {
        for (const line of describePackaging(await packageApp())) console.log(`  ${line}`);
      } catch (error: unknown) {
        fail(`--bundle: packaging failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else {
      console.log('--bundle: the deploy bundle (dist/forge-package) is up to date.');
    }
  }

  if (args.reset && existsSync(DATA_DIR)) {
    rmSync(DATA_DIR, { recursive: true, force: true });
    console.log('--reset: removed .data/ (the app\'s stored data); starting over.');
  }

  // A fresh start on the demo data gets the demo project's configuration, as an admin would set it.
  const storageKept = existsSync(join(DATA_DIR, 'kvs.json'));
  const seedDemo = args.data === DEMO_DATASET && !storageKept;
  const emulator = await startJiraEmulator({ dataset });
  running.emulator = emulator;
  const runtime = await createForgeRuntime({
    manifestPath: join(REPO_ROOT, 'manifest.yml'),
    jiraBaseUrl: emulator.url,
    dataDir: DATA_DIR,
    jiraEvents: emulator.state,
    site: { siteUrl: url },
    ...(args.bundle ? { bundleDir: RUNTIME_DIR } : {}),
  });
  running.runtime = runtime;
  await runtime.preload();
  running.shell = await startJiraShell({ runtime, emulator, manifestPath: join(REPO_ROOT, 'manifest.yml'), server });
  if (seedDemo) console.log(await seedDemoConfiguration(runtime));
  for (const line of (await keepAppDataInStep(runtime, { dataDir: DATA_DIR, datasetPath: args.data, storageKept })).lines) console.log(line);

  const firstIssue = emulator.state.allIssues().next().value;
  console.log(`
Throughline in a local Jira: ${url}
  dataset   ${args.data} (${emulator.state.issueCount} issues)
  app data  ${runtime.kvsFile ?? '(memory)'}
  backend   ${args.bundle ? `the deploy bundle, ${RUNTIME_DIR}` : 'the TypeScript sources, src/ (--bundle runs the deploy bundle)'}
  try       ${url}/browse/${firstIssue?.key ?? ''}
Switch the user, the theme, Jira's latency and faults in the shell's toolbar. Ctrl-C stops.`);
}

main().catch((error: unknown) => {
  console.error('npm start failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
