/**
 * `forge deploy`'s packaging, offline (see package-app.ts): bundles the backend with Atlassian's
 * bundler and zips the Custom UI resources, into dist/forge-package/. Builds the Custom UI first
 * when it is missing or stale, since the CLI zips resources as they are.
 *
 *   npx tsx dev/forge-checks/package.ts              package
 *   npx tsx dev/forge-checks/package.ts --if-stale   only when the bundle is older than src/
 */
import { buildCustomUi } from '../build';
import { describePackaging, isPackageStale, packageApp } from './package-app';

if (process.argv.includes('--if-stale') && !isPackageStale()) {
  console.log('The deploy bundle (dist/forge-package) is up to date.');
} else {
  await buildCustomUi({ onlyStale: true, log: (line) => { console.log(line); } });
  const started = Date.now();
  try {
    const result = await packageApp();
    for (const line of describePackaging(result)) console.log(line);
    console.log(`Packaged as forge deploy would, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } catch (error: unknown) {
    console.error(`Packaging FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
