/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after the other (the
 * machine has two cores; parallel benchmarks would measure each other), and fails if any
 * figure is over its budget. `npm run bench -- scoring` runs only the files whose name matches.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filter === undefined || name.includes(filter))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${filter ?? '*'} in bench/.`);
  process.exit(1);
}

const failed: string[] = [];
for (const file of files) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(file);
}
console.log(failed.length === 0 ? `\nAll ${files.length} benchmark files within budget.` : `\nOver budget or failed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
