/**
 * Scoring 100,000 issues in Jira's REST shape with six inputs: business value (number), time
 * criticality (due date through the days-remaining table), risk reduction (single select through
 * an option table), opportunity enablement (priority by name), job size (story points) and the
 * theme's strategic weight (a multiplier from the caller's context).
 *
 * Three paths over the same objects in the same run, each producing the full result with its
 * breakdown: the built-in WSJF, a custom formula with the same inputs, and a hand-written loop
 * that does the same reading and checking with nothing generic. Their scores are compared first,
 * so the timings compare the same work.
 *
 * Run: npx tsx bench/scoring.bench.ts   (or npm run bench -- scoring)
 */
import { compileScoring, dayNumberOf } from '../src/domain/scoring/index';
import type { ScoreResult, ScoringConfigInput, ScoringContext } from '../src/domain/scoring/index';
import { finish, formatTiming, keep, measure, report, summarize } from './harness';
import type { Timing } from './harness';
import { seededRandom } from '../dev/jira-emulator/faults';

const ISSUES = 100_000;
const TODAY = '2024-05-01';

// ---------------------------------------------------------------- the issues, as Jira sends them
const RISK_OPTIONS = [
  { value: 'None', id: '10040', points: 1 },
  { value: 'Low', id: '10041', points: 3 },
  { value: 'Medium', id: '10042', points: 8 },
  { value: 'High', id: '10043', points: 13 },
  { value: 'Critical', id: '10044', points: 20 },
];
const PRIORITIES = [
  { name: 'Highest', id: '1', points: 20 },
  { name: 'High', id: '2', points: 13 },
  { name: 'Medium', id: '3', points: 8 },
  { name: 'Low', id: '4', points: 3 },
  { name: 'Lowest', id: '5', points: 1 },
];
const FIBONACCI = [1, 2, 3, 5, 8, 13, 20];
const THEME_WEIGHTS = [0.5, 1, 1.5, 2];

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.floor(r * items.length)] as T;
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

interface BenchIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

function buildIssues(): BenchIssue[] {
  const next = seededRandom(20_240_501);
  const today = dayNumberOf(TODAY) ?? 0;
  const issues: BenchIssue[] = [];
  for (let i = 0; i < ISSUES; i++) {
    const risk = pick(RISK_OPTIONS, next());
    const priority = pick(PRIORITIES, next());
    // The same objects a search page parses into: JSON text in, JSON.parse out.
    const json = JSON.stringify({
      id: String(10_000 + i),
      key: `TL-${i + 1}`,
      fields: {
        summary: `Story ${i + 1}`,
        customfield_10050: pick(FIBONACCI, next()),
        duedate: isoDate(today - 30 + Math.floor(next() * 400)),
        customfield_10044: { self: `https://example.atlassian.net/rest/api/3/customFieldOption/${risk.id}`, value: risk.value, id: risk.id },
        priority: { self: `https://example.atlassian.net/rest/api/3/priority/${priority.id}`, iconUrl: `https://example.atlassian.net/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id },
        customfield_10016: pick(FIBONACCI, next()),
        votes: { self: `https://example.atlassian.net/rest/api/3/issue/TL-${i + 1}/votes`, votes: Math.floor(next() * 10), hasVoted: false },
        status: { name: 'To Do', statusCategory: { key: 'new' } },
      },
    });
    issues.push(JSON.parse(json) as BenchIssue);
  }
  return issues;
}

// ---------------------------------------------------------------- the configurations
const inputs = {
  businessValue: { kind: 'number', fieldId: 'customfield_10050' },
  timeCriticality: { kind: 'date', fieldId: 'duedate' },
  riskReduction: { kind: 'select', fieldId: 'customfield_10044', options: Object.fromEntries(RISK_OPTIONS.map((o) => [o.value, o.points])) },
  opportunityEnablement: { kind: 'priority', fieldId: 'priority', table: Object.fromEntries(PRIORITIES.map((p) => [p.name, p.points])) },
  jobSize: { kind: 'number', fieldId: 'customfield_10016' },
} as const;

const wsjfConfig: ScoringConfigInput = { model: { type: 'wsjf', inputs }, multiplyByStrategicWeight: true };
const formulaConfig: ScoringConfigInput = {
  model: { type: 'formula', formula: '(businessValue + timeCriticality + riskReduction + opportunityEnablement) / jobSize', inputs },
  multiplyByStrategicWeight: true,
};

// ---------------------------------------------------------------- the hand-written loop
// What one would write for exactly this configuration: the same checks (numbers must be finite,
// unknown options invalid, dates parsed, job size above 0), the same result and breakdown shape.
const riskTable = new Map(RISK_OPTIONS.map((o) => [o.value, o.points]));
const priorityTable = new Map(PRIORITIES.map((p) => [p.name, p.points]));

function daysRemainingPoints(days: number): number {
  if (days < 0) return 20;
  if (days <= 7) return 13;
  if (days <= 30) return 8;
  if (days <= 90) return 5;
  if (days <= 180) return 3;
  return 1;
}

function line(input: string, label: string, fieldId: string | null, raw: unknown, used: number, contribution: number | null, role: string) {
  return { input, label, fieldId, raw, status: 'ok', used, weight: null, contribution, role, note: null };
}

function handWritten(fields: Readonly<Record<string, unknown>>, context: ScoringContext, todayDay: number): unknown {
  const bvRaw = fields.customfield_10050;
  const dueRaw = fields.duedate;
  const riskRaw = fields.customfield_10044 as { value?: unknown } | null | undefined;
  const prioRaw = fields.priority as { name?: unknown } | null | undefined;
  const jsRaw = fields.customfield_10016;
  const weight = context.strategicWeight ?? 1;
  if (typeof bvRaw !== 'number' || !Number.isFinite(bvRaw)) return { status: 'invalid' };
  if (typeof jsRaw !== 'number' || !Number.isFinite(jsRaw) || jsRaw <= 0) return { status: 'invalid' };
  if (typeof dueRaw !== 'string') return { status: 'invalid' };
  const due = dayNumberOf(dueRaw);
  if (due === undefined) return { status: 'invalid' };
  const tc = daysRemainingPoints(due - todayDay);
  const rr = typeof riskRaw?.value === 'string' ? riskTable.get(riskRaw.value) : undefined;
  const oe = typeof prioRaw?.name === 'string' ? priorityTable.get(prioRaw.name) : undefined;
  if (rr === undefined || oe === undefined) return { status: 'invalid' };
  const score = ((bvRaw + tc + rr + oe) / jsRaw) * weight;
  if (!Number.isFinite(score)) return { status: 'invalid' };
  return {
    status: 'scored',
    score,
    breakdown: [
      line('businessValue', 'Business value', 'customfield_10050', bvRaw, bvRaw, (bvRaw / jsRaw) * weight, 'addend'),
      line('timeCriticality', 'Time criticality', 'duedate', dueRaw, tc, (tc / jsRaw) * weight, 'addend'),
      line('riskReduction', 'Risk reduction', 'customfield_10044', riskRaw, rr, (rr / jsRaw) * weight, 'addend'),
      line('opportunityEnablement', 'Opportunity enablement', 'priority', prioRaw, oe, (oe / jsRaw) * weight, 'addend'),
      line('jobSize', 'Job size', 'customfield_10016', jsRaw, jsRaw, null, 'divisor'),
      line('strategicWeight', 'Strategic weight', null, context.strategicWeight ?? null, weight, null, 'multiplier'),
    ],
  };
}

// ---------------------------------------------------------------- run
const issues = buildIssues();
const contexts: ScoringContext[] = THEME_WEIGHTS.map((strategicWeight) => ({ strategicWeight, today: TODAY }));
const contextOf = (i: number): ScoringContext => contexts[i % contexts.length] as ScoringContext;
const todayDay = dayNumberOf(TODAY) ?? 0;

const wsjf = compileScoring(wsjfConfig);
const formula = compileScoring(formulaConfig);
if (wsjf.configErrors.length > 0 || formula.configErrors.length > 0) {
  console.error('bench configuration is invalid', wsjf.configErrors, formula.configErrors);
  process.exit(1);
}
console.log(`${ISSUES.toLocaleString('en-US')} issues; WSJF: ${wsjf.description}; formula: ${formula.description}`);

// Same work? Every path must give every issue the same score, and the engine's results must be scored.
let mismatches = 0;
for (let i = 0; i < ISSUES; i++) {
  const fields = (issues[i] as BenchIssue).fields;
  const a = wsjf.score(fields, contextOf(i));
  const b = formula.score(fields, contextOf(i));
  const c = handWritten(fields, contextOf(i), todayDay) as { status: string; score?: number };
  if (a.status !== 'scored' || b.status !== 'scored' || c.status !== 'scored' || a.score !== b.score || a.score !== c.score || a.breakdown.length !== 6) {
    if (mismatches++ < 3) console.error('paths disagree on issue', i, JSON.stringify({ a, b, c }).slice(0, 600));
  }
}
report('paths computing different scores', mismatches, 0, 'issues');

// A bulk recompute holds one search page of results (100) until their scores are written, then
// lets them go: the timed loops do the same, so the figures measure scoring, not the promotion of
// 100,000 retained results to the old generation.
const PAGE = 100;
const page: unknown[] = new Array<unknown>(PAGE);
const runWsjf = (): unknown => {
  for (let i = 0; i < ISSUES; i++) page[i % PAGE] = wsjf.score((issues[i] as BenchIssue).fields, contextOf(i));
  return page;
};
const runFormula = (): unknown => {
  for (let i = 0; i < ISSUES; i++) page[i % PAGE] = formula.score((issues[i] as BenchIssue).fields, contextOf(i));
  return page;
};
const runHand = (): unknown => {
  for (let i = 0; i < ISSUES; i++) page[i % PAGE] = handWritten((issues[i] as BenchIssue).fields, contextOf(i), todayDay);
  return page;
};

// The three paths are timed in interleaved rounds (hand, WSJF, formula, hand, …) rather than one
// after the other: on this shared two-core machine the load shifts between seconds, and a slow
// moment then hits every path alike. The ratios are taken per round (paired) and their median
// reported, so they compare runs made under the same load.
const ROUNDS = 21;
const WARMUP_ROUNDS = 4;
const paths = [
  { name: 'hand-written loop', run: runHand, samples: [] as number[] },
  { name: 'built-in WSJF', run: runWsjf, samples: [] as number[] },
  { name: 'custom formula', run: runFormula, samples: [] as number[] },
];
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (const path of paths) {
    const timing = measure(path.name, path.run, { runs: 1, warmup: 0 });
    if (round >= WARMUP_ROUNDS) path.samples.push(timing.medianMs);
  }
}
const [hand, builtIn, custom] = paths.map((path) => summarize(path.name, path.samples)) as [Timing, Timing, Timing];
for (const timing of [hand, builtIn, custom]) console.log(`${timing.name.padEnd(18)} ${formatTiming(timing)}`);

const pairedRatio = (over: readonly number[], under: readonly number[], name: string): Timing =>
  summarize(name, over.map((ms, i) => ms / (under[i] ?? ms)));
const [handSamples, wsjfSamples, formulaSamples] = paths.map((path) => path.samples) as [number[], number[], number[]];
const wsjfOverHand = pairedRatio(wsjfSamples, handSamples, 'WSJF ÷ hand-written');
const formulaOverWsjf = pairedRatio(formulaSamples, wsjfSamples, 'formula ÷ WSJF');

const perSecond = (ms: number): number => (ISSUES / ms) * 1000;
const noise = (t: Timing): string => `±${(t.noise * 100).toFixed(1)}% noise`;
report('WSJF throughput (full result incl. breakdown)', perSecond(builtIn.medianMs), 1_000_000, 'issues/s', 'higher', noise(builtIn));
report('WSJF time for 100,000 issues', builtIn.medianMs, 100, 'ms', 'lower', noise(builtIn));
report('WSJF ÷ hand-written loop (paired per round)', wsjfOverHand.medianMs, 3, '×', 'lower', `hand-written ${hand.medianMs.toFixed(1)} ms; ratio ${noise(wsjfOverHand)}`);
report('custom formula ÷ built-in WSJF (paired per round)', formulaOverWsjf.medianMs, 2, '×', 'lower', `formula ${custom.medianMs.toFixed(1)} ms; ratio ${noise(formulaOverWsjf)}`);
keep((page[0] as ScoreResult | undefined)?.status);
finish();
