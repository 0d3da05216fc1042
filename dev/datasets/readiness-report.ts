/**
 * The default readiness rules over the 23,313 real issues of the Deep-SE dataset: the share of
 * issues each rule flags (overall, and per project for the two description rules), then a seeded
 * random sample of issues flagged and passed by `acceptance-criteria`, printed so a person can
 * judge whether the rule was right.
 *
 *   npx tsx dev/datasets/readiness-report.ts [--sample 30] [--seed N] [--project KEY]... [--no-sample]
 *                                            [--show KEY]... [--dump FILE]
 *
 * --show prints the same card for named issues; --dump writes every issue's plain text (one
 * "KEY<TAB>found|flagged<TAB>text with ⏎ for line breaks" line each) for grepping the whole set.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findAcceptanceCriteria, readDescription } from '../../src/domain/adf';
import type { AcceptanceCriteria } from '../../src/domain/adf';
import { compileReadiness, parseReadinessConfig, readinessOf, RULE_IDS } from '../../src/domain/readiness';
import type { ReadinessContext, RuleId } from '../../src/domain/readiness';
import { isRecord } from '../../src/domain/jira-issue';
import type { JiraIssue } from '../../src/domain/jira-issue';
import { deepSeDir, loadDeepSeIssues } from './deep-se';
import { seededRandom } from '../jira-emulator/faults';

/** A fixed "today": the converter dates issues through 2024, so the dates are synthetic anyway. */
const TODAY = Date.UTC(2025, 0, 1);
const TEXT_SHOWN = 600;

/**
 * Rules this dataset cannot answer: it has real summaries, descriptions and story points, but no
 * hierarchy, links, scoring or configured fields, and its dates are made up by the converter.
 */
const NOT_JUDGEABLE: Partial<Record<RuleId, string>> = {
  'has-epic': 'the dataset has no epics (no parent, no Epic Link): every issue would fail',
  'epic-has-theme': 'no epics and no theme store',
  'no-open-blocker': 'the dataset has no issue links: every issue would pass',
  'required-fields': 'no fields beyond summary, description and story points to require',
  'score-complete': 'no scoring model or inputs',
  'refined-recently': 'created/updated dates are synthetic (hashed from the key by the converter)',
};

function sampleOf<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = [...items];
  const wanted = Math.min(count, copy.length);
  for (let i = 0; i < wanted; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy.slice(0, wanted);
}

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`);

/** A plain-text table; `right` names the columns aligned right (numbers). */
function table(headers: readonly string[], rows: readonly (readonly string[])[], right: readonly number[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

interface Row {
  readonly issue: JiraIssue;
  readonly project: string;
  readonly ac: AcceptanceCriteria;
}

function projectOf(issue: JiraIssue): string {
  const project = issue.fields.project;
  return isRecord(project) && typeof project.key === 'string' ? project.key : issue.key.replace(/-\d+$/, '');
}

function card(row: Row, index: number): string {
  const { issue, ac } = row;
  const reading = readDescription(issue.fields.description);
  const summary = typeof issue.fields.summary === 'string' ? issue.fields.summary : '';
  const how = ac.found ? `found by ${ac.method}: «${ac.excerpt}»` : `not found: ${ac.reason}`;
  const head = reading.text.length > TEXT_SHOWN ? `${reading.text.slice(0, TEXT_SHOWN)}…` : reading.text;
  const body = head.trim() === '' ? '    (no description)' : head.split('\n').map((line) => `    | ${line}`).join('\n');
  return `#${index + 1} ${issue.key}  ${summary}\n  AC ${how}\n  words ${reading.wordCount}\n${body}\n`;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      sample: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      project: { type: 'string', multiple: true },
      show: { type: 'string', multiple: true },
      dump: { type: 'string' },
      'no-sample': { type: 'boolean', default: false },
    },
  });
  const sampleSize = Number(values.sample);
  const seed = Number(values.seed);
  if (!Number.isInteger(sampleSize) || sampleSize < 0 || !Number.isInteger(seed)) {
    process.stderr.write('--sample and --seed must be whole numbers (--sample 0 or more).\n');
    return 2;
  }
  const dir = deepSeDir();
  if (dir === undefined) {
    process.stderr.write('The Deep-SE dataset is not there: expected ../shared/jira/datasets/deep-se beside the repository.\n');
    return 1;
  }

  const loadStarted = performance.now();
  const issues = loadDeepSeIssues({ dir, projects: values.project });
  const loadMs = performance.now() - loadStarted;

  // All eleven rules on, defaults otherwise.
  const parsed = parseReadinessConfig({
    rules: { 'required-fields': { enabled: true }, 'refined-recently': { enabled: true } },
  });
  if (!parsed.ok) throw new Error(`configuration refused: ${JSON.stringify(parsed.errors)}`);
  const compiled = compileReadiness(parsed.config);
  const context: ReadinessContext = { today: TODAY };

  const flagged = new Map<RuleId, number>(RULE_IDS.map((id) => [id, 0]));
  const notChecked = new Map<RuleId, number>(RULE_IDS.map((id) => [id, 0]));
  const byProject = new Map<string, { issues: number; ac: number; words: number }>();
  const methods = new Map<string, number>();
  const rows: Row[] = [];
  let applicable = 0;
  const started = performance.now();
  for (const issue of issues) {
    const result = readinessOf(issue, compiled, context);
    if (result.verdict === 'not-applicable') continue;
    applicable++;
    const project = projectOf(issue);
    const counts = byProject.get(project) ?? { issues: 0, ac: 0, words: 0 };
    byProject.set(project, counts);
    counts.issues++;
    for (const failure of [...result.failures, ...result.warnings]) {
      flagged.set(failure.ruleId, (flagged.get(failure.ruleId) ?? 0) + 1);
      if (failure.ruleId === 'acceptance-criteria') counts.ac++;
      if (failure.ruleId === 'description-length') counts.words++;
    }
    for (const skipped of result.notChecked) notChecked.set(skipped.ruleId, (notChecked.get(skipped.ruleId) ?? 0) + 1);
    const ac = findAcceptanceCriteria(issue.fields.description);
    const method = ac.found ? ac.method : 'not found';
    methods.set(method, (methods.get(method) ?? 0) + 1);
    rows.push({ issue, project, ac });
  }
  const rulesMs = performance.now() - started;

  const out: string[] = [];
  out.push(
    `Deep-SE readiness report: ${issues.length.toLocaleString('en-US')} issues (${applicable.toLocaleString('en-US')} checked, all as stories), ` +
      `${byProject.size} projects; loaded and converted in ${(loadMs / 1000).toFixed(1)} s, rules in ${Math.round(rulesMs)} ms.`,
    `All eleven rules on with their default parameters; today = ${new Date(TODAY).toISOString().slice(0, 10)}; no epics, themes, scores or velocity given.`,
    '',
    table(
      ['rule', 'severity', 'flagged', 'share', 'not checked', 'note'],
      compiled.rules.map((rule) => {
        const why = NOT_JUDGEABLE[rule.id];
        const count = flagged.get(rule.id) ?? 0;
        const skipped = notChecked.get(rule.id) ?? 0;
        return [
          rule.id,
          rule.severity,
          why === undefined ? count.toLocaleString('en-US') : `(${count.toLocaleString('en-US')})`,
          why === undefined ? percent(count, applicable) : 'not judgeable',
          skipped.toLocaleString('en-US'),
          why ?? (rule.id === 'estimate-small' ? `of the ${(applicable - skipped).toLocaleString('en-US')} estimated: ${percent(count, applicable - skipped)}` : ''),
        ];
      }),
      [2, 3, 4],
    ),
    '',
    `Acceptance criteria found by: ${[...methods].sort((a, b) => b[1] - a[1]).map(([method, count]) => `${method} ${count.toLocaleString('en-US')} (${percent(count, applicable)})`).join(', ')}.`,
    '',
    table(
      ['project', 'issues', 'no AC', 'share', '< 20 words', 'share'],
      [...byProject]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([project, counts]) => [
          project,
          counts.issues.toLocaleString('en-US'),
          counts.ac.toLocaleString('en-US'),
          percent(counts.ac, counts.issues),
          counts.words.toLocaleString('en-US'),
          percent(counts.words, counts.issues),
        ]),
      [1, 2, 3, 4, 5],
    ),
  );

  if (values.show !== undefined) {
    const wanted = new Set(values.show.map((key) => key.toUpperCase()));
    out.push('', '== Issues asked for ==', '');
    rows.filter((row) => wanted.has(row.issue.key.toUpperCase())).forEach((row, i) => out.push(card(row, i)));
  }

  if (!values['no-sample'] && sampleSize > 0) {
    const random = seededRandom(seed);
    const withAc = rows.filter((row) => row.ac.found);
    const withoutAc = rows.filter((row) => !row.ac.found);
    out.push('', `== ${sampleSize} random issues flagged by acceptance-criteria (seed ${seed}) ==`, '');
    sampleOf(withoutAc, sampleSize, random).forEach((row, i) => out.push(card(row, i)));
    out.push('', `== ${sampleSize} random issues that passed acceptance-criteria (seed ${seed}) ==`, '');
    sampleOf(withAc, sampleSize, random).forEach((row, i) => out.push(card(row, i)));
  }
  process.stdout.write(`${out.join('\n')}\n`);

  if (values.dump !== undefined) {
    const lines = rows.map((row) => {
      const text = readDescription(row.issue.fields.description).text.replace(/\r?\n/g, ' ⏎ ');
      return `${row.issue.key}\t${row.ac.found ? `found:${row.ac.method}` : 'flagged'}\t${text}`;
    });
    writeFileSync(values.dump, `${lines.join('\n')}\n`);
    process.stderr.write(`wrote ${values.dump} (${lines.length} lines)\n`);
  }
  return 0;
}

process.exitCode = main();
