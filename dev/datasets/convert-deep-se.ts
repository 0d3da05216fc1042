/**
 * Writes the Deep-SE issues as Jira Cloud v3 JSON: `{ issues: [...] }`.
 *
 *   npx tsx dev/datasets/convert-deep-se.ts [--limit N] [--out FILE] [--project KEY]...
 *
 * Without --out the JSON goes to stdout; the summary always goes to stderr.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { deepSeDir } from './deep-se';
import { readDeepSe } from './deep-se-reader';

function main(): number {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string' },
      out: { type: 'string' },
      project: { type: 'string', multiple: true },
      dir: { type: 'string' },
    },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    process.stderr.write(`--limit must be a whole number of 0 or more (got "${values.limit ?? ''}").\n`);
    return 2;
  }
  const dir = values.dir ?? deepSeDir();
  if (dir === undefined) {
    process.stderr.write('The Deep-SE dataset is not there: expected ../shared/jira/datasets/deep-se beside the repository.\n');
    return 1;
  }

  const started = performance.now();
  const { issues, projects } = readDeepSe({ dir, limit, projects: values.project });
  const loadMs = performance.now() - started;
  const json = JSON.stringify({ issues });
  if (values.out === undefined) process.stdout.write(`${json}\n`);
  else writeFileSync(values.out, `${json}\n`);

  const lines = ['project   issues   html   wiki  empty'];
  const total = { issues: 0, html: 0, wiki: 0, empty: 0 };
  for (const { project, issues: count, formats } of projects) {
    lines.push(`${project.key.padEnd(8)} ${String(count).padStart(7)} ${String(formats.html).padStart(6)} ${String(formats.wiki).padStart(6)} ${String(formats.empty).padStart(6)}`);
    total.issues += count;
    total.html += formats.html;
    total.wiki += formats.wiki;
    total.empty += formats.empty;
  }
  lines.push(`${'total'.padEnd(8)} ${String(total.issues).padStart(7)} ${String(total.html).padStart(6)} ${String(total.wiki).padStart(6)} ${String(total.empty).padStart(6)}`);
  lines.push(`read and converted in ${(loadMs / 1000).toFixed(2)} s${values.out === undefined ? '' : `; wrote ${values.out} (${(json.length / 1e6).toFixed(1)} MB)`}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = main();
