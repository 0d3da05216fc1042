/**
 * Readiness at scale, on real text: every rule over 10,000 issues of the Deep-SE dataset (real
 * descriptions converted to ADF), and reading one 5 MB ADF document made of those texts.
 * Budgets: ≤ 300 ms for the 10,000 issues (compiled once, read once each, set summary
 * included); ≤ 100 ms for the 5 MB document. Median of several runs, with the noise.
 */
import { deepSeDir, loadDeepSeIssues } from '../dev/datasets/deep-se';
import { findAcceptanceCriteria, readAdf } from '../src/domain/adf';
import { compileReadiness, parseReadinessConfig, readinessOf, readinessOfSet } from '../src/domain/readiness';
import type { EpicTheme, ReadinessContext, ReadinessResult, ScoreStatus } from '../src/domain/readiness';
import { isRecord } from '../src/domain/jira-issue';
import type { JiraIssue } from '../src/domain/jira-issue';
import { finish, formatTiming, keep, measure, report } from './harness';

const ISSUES = 10_000;
const DOCUMENT_BYTES = 5 * 1024 * 1024;

const dir = deepSeDir();
if (dir === undefined) {
  console.log('SKIP  readiness bench: the Deep-SE dataset (../shared/jira/datasets/deep-se) is not beside the repository.');
  process.exit(0);
}

const loadStarted = performance.now();
const dataset = loadDeepSeIssues({ dir });
// 10,000 spread evenly over the 16 projects (file order would take the first seven only).
const stride = dataset.length / ISSUES;
const sampled = Array.from({ length: Math.min(ISSUES, dataset.length) }, (_, i) => dataset[Math.floor(i * stride)] as JiraIssue);
console.log(
  `Loaded ${dataset.length.toLocaleString('en-US')} Deep-SE issues in ${Math.round(performance.now() - loadStarted)} ms (not timed); ` +
    `using ${sampled.length.toLocaleString('en-US')} of them.`,
);

// The dataset has real text and points but no hierarchy or links: give two issues in three an
// epic (some only through Epic Link) and one in eight a blocker, so those rules do real work.
const categories = ['new', 'indeterminate', 'done', undefined] as const;
const enriched: JiraIssue[] = sampled.map((issue, i) => {
  const epicKey = `EPIC-${i % 97}`;
  const parent = i % 3 === 0 ? undefined : { id: String(i % 97), key: epicKey, fields: { summary: 'Epic', issuetype: { name: 'Epic', hierarchyLevel: 1 } } };
  const category = categories[i % categories.length];
  const issuelinks =
    i % 8 === 0
      ? [
          {
            id: String(i),
            type: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
            inwardIssue: { id: '1', key: `BLK-${i}`, fields: category === undefined ? {} : { status: { statusCategory: { key: category } } } },
          },
          { id: `r${i}`, type: { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }, outwardIssue: { key: `REL-${i}` } },
        ]
      : [];
  return {
    ...issue,
    fields: {
      ...issue.fields,
      ...(parent === undefined ? {} : i % 6 === 1 ? { customfield_10014: epicKey } : { parent }),
      issuelinks,
      ...(i % 4 === 0 ? { labels: ['backend'], components: [{ id: '1', name: 'API' }] } : {}),
    },
  };
});

// Issues reach the app as JSON from Jira's REST API: measure on what JSON.parse gives (flat strings, fresh objects).
const issues = JSON.parse(JSON.stringify(enriched)) as JiraIssue[];

// Every rule on, as an admin who wants it all would configure it.
const parsed = parseReadinessConfig({
  epicLinkFieldId: 'customfield_10014',
  rules: {
    'estimate-small': { maxShareOfVelocity: 0.5 },
    'required-fields': { enabled: true, fields: [{ id: 'labels', name: 'Labels' }, { id: 'components', name: 'Components' }] },
    'refined-recently': { enabled: true, maxDays: 60 },
  },
});
if (!parsed.ok) throw new Error(`bench configuration refused: ${JSON.stringify(parsed.errors)}`);
const compiled = compileReadiness(parsed.config);
if (compiled.rules.length !== 11) throw new Error(`expected all 11 rules on, got ${compiled.rules.length}`);

// A strategy store and scoring statuses with every kind of answer, fixed per issue.
const themes: EpicTheme[] = [
  { kind: 'theme', id: 't1', name: 'Self-serve' },
  { kind: 'none' },
  { kind: 'theme', id: 't2', name: 'Scale' },
  { kind: 'unknown-theme', id: 't-gone' },
];
const themeByEpic = new Map<string, EpicTheme>();
const themeOfEpic = (epicKey: string): EpicTheme => {
  let theme = themeByEpic.get(epicKey);
  if (theme === undefined) {
    theme = themes[themeByEpic.size % themes.length] ?? { kind: 'none' };
    themeByEpic.set(epicKey, theme);
  }
  return theme;
};
const statuses: (ScoreStatus | undefined)[] = ['scored', 'scored', 'incomplete', 'invalid', undefined];
const today = Date.UTC(2024, 6, 1);
const velocity = 40;
const contexts: ReadinessContext[] = issues.map((_, i) => ({
  themeOfEpic,
  scoreStatus: statuses[i % statuses.length],
  scoreProblems: ['Job size'],
  velocity,
  today,
}));

function readinessOfAll(): ReadinessResult[] {
  const results = new Array<ReadinessResult>(issues.length);
  for (let i = 0; i < issues.length; i++) results[i] = readinessOf(issues[i] as JiraIssue, compiled, contexts[i] ?? {});
  return results;
}

const sample = readinessOfAll();
const set = readinessOfSet(sample, velocity);
console.log(`Verdicts: ${set.summary}; not applicable ${set.notApplicable}; unestimated ${set.unestimated}.`);
console.log(`Failing most: ${set.failingRules.slice(0, 5).map((rule) => `${rule.ruleId} ${rule.issues}`).join(', ')}.`);
const acMethods = new Map<string, number>();
for (const issue of issues) {
  const found = findAcceptanceCriteria(issue.fields.description);
  const key = found.found ? found.method : 'none';
  acMethods.set(key, (acMethods.get(key) ?? 0) + 1);
}
console.log(`Acceptance criteria found by: ${[...acMethods].map(([method, count]) => `${method} ${count}`).join(', ')}.`);

const readiness = measure(
  `readiness, all 11 rules, ${issues.length} issues`,
  () => {
    const results = readinessOfAll();
    return readinessOfSet(results, velocity);
  },
  { runs: 15, warmup: 3 },
);
console.log(formatTiming(readiness));
report(`readiness of ${issues.length.toLocaleString('en-US')} real issues, all rules`, readiness.medianMs, 300, 'ms', 'lower', `noise ±${(readiness.noise * 100).toFixed(1)}%`);

// One document of about 5 MB of JSON, made of the real descriptions one after the other.
const blocks: unknown[] = [];
let bytes = 0;
outer: for (let round = 0; bytes < DOCUMENT_BYTES; round++) {
  for (const issue of issues) {
    const description = issue.fields.description;
    if (!isRecord(description) || !Array.isArray(description.content)) continue;
    for (const block of description.content as unknown[]) {
      blocks.push(block);
      bytes += JSON.stringify(block).length + 1;
      if (bytes >= DOCUMENT_BYTES) break outer;
    }
  }
  if (round > 1000) throw new Error('no ADF descriptions to build the document from');
}
const document = { type: 'doc', version: 1, content: blocks };
const size = JSON.stringify(document).length;
const reading = readAdf(document);
console.log(
  `Document: ${(size / 1024 / 1024).toFixed(2)} MB of JSON, ${blocks.length.toLocaleString('en-US')} top-level blocks; ` +
    `text ${reading.text.length.toLocaleString('en-US')} chars (truncated: ${reading.truncated}), ${reading.wordCount.toLocaleString('en-US')} words, ` +
    `${reading.headings.length} headings, ${reading.tables.length} tables, ${reading.codeBlocks.length} code blocks.`,
);
const big = measure('read a 5 MB ADF document', () => readAdf(document), { runs: 15, warmup: 3 });
console.log(formatTiming(big));
report('read a 5 MB ADF document', big.medianMs, 100, 'ms', 'lower', `noise ±${(big.noise * 100).toFixed(1)}%`);
// For information: the same document with all of its text kept (no 1 MB cap), words counted.
const uncapped = measure('read a 5 MB ADF document, text uncapped, words counted', () => readAdf(document, { maxTextLength: 10_000_000 }).wordCount, {
  runs: 9,
  warmup: 2,
});
console.log(`info  ${uncapped.name}: ${formatTiming(uncapped)}`);
keep(set);
finish();
