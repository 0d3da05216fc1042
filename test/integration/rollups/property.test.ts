/**
 * The property the rollups rest on (issue "The project page at any size: rollups kept current"):
 * whatever happens to a project's stories in Jira, and however Forge delivers the events (late,
 * twice, out of order, or never), the page always says how old each rollup is, and after the
 * recount every rollup equals the one computed from scratch.
 *
 * Each case is a fresh demo site whose product events are held by the test. Random operations
 * (fast-check) go through the emulator: points, status, summary and label edits, re-parenting
 * between epics (epics of different themes, and an epic of another project), un-parenting,
 * creating and deleting stories, creating and deleting epics, an epic turned into a story, moving
 * stories and epics to MOB, changing issue types, adding and removing blockers. Now and then the
 * held events are delivered: shuffled, some twice or three times, some dropped, some kept back
 * for a later (late) delivery. At the end every held event is delivered (still with drops).
 *
 * Two properties: with events dropped, every rollup equals a from-scratch count after the recount
 * (and says its age before it); with no event dropped (late, repeated and shuffled only), the
 * triggers alone keep every rollup equal to a from-scratch count, before any recount.
 *
 * Size: CASES × OPS_PER_CASE = 4 × 260 = 1,040 operations with drops, plus 1 × 260 without:
 * 1,300 operations, ≈ 1,500 events, ≈ 1,900 deliveries, ≈ 60 s on 2 cores (the totals are printed
 * at the end). THROUGHLINE_PROPERTY_OPS and THROUGHLINE_PROPERTY_CASES change the size; the seed is
 * fixed and printed on failure (THROUGHLINE_PROPERTY_SEED replays another), with the operations
 * that touched the issues found wrong.
 *
 * The site is the demo without Epic Link values (harness.ts, demoWithoutEpicLinks: the emulator
 * does not keep the Epic Link in step with the parent as Jira does), and its clock never gives two
 * edits the same `updated`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { JiraChange } from '../../../dev/forge-runtime';
import type { StoredIssue } from '../../../dev/jira-emulator';
import type { VisionMapView } from '../../../src/contract';
import { ADA, MOB, TL } from '../settings/support';
import { oneShotVisionMap } from '../support/one-shot-views';
import { addThemes, counted, demoWithoutEpicLinks, differences, groupsFromScratch, isProductEvent, plain, recount, setEpicTheme, startHeldSite, storedGroups, visionMap } from './harness';
import type { HeldSite } from './harness';

const SEED = Number(process.env.THROUGHLINE_PROPERTY_SEED ?? 20_261_202);
const CASES = Number(process.env.THROUGHLINE_PROPERTY_CASES ?? 4);
const OPS_PER_CASE = Number(process.env.THROUGHLINE_PROPERTY_OPS ?? 260);
const POINTS_FIELD = 'customfield_10016';

const KINDS = ['points', 'points', 'status', 'status', 'summary', 'labels', 'reparent', 'reparent', 'reparent', 'unparent', 'create', 'delete', 'move-story', 'change-type', 'block', 'unblock', 'create-epic', 'delete-epic', 'epic-to-story', 'move-epic', 'story-to-epic', 'theme', 'flush'] as const;
type Kind = (typeof KINDS)[number];

interface Op {
  readonly kind: Kind;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** How one held event is delivered: `copies` times (0: dropped); `late`: kept for a later flush; `order`: its place in the shuffle. */
interface Fate {
  readonly copies: number;
  readonly late: boolean;
  readonly order: number;
}

const opArbitrary: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom(...KINDS), a: fc.nat(), b: fc.nat(), c: fc.nat() });
const fateArbitrary: fc.Arbitrary<Fate> = fc.record({
  // 1 in 8 dropped, 1 in 4 delivered more than once.
  copies: fc.constantFrom(0, 1, 1, 1, 1, 1, 2, 3),
  late: fc.boolean(),
  order: fc.nat(),
});

interface Totals {
  ops: number;
  applied: number;
  refused: number;
  events: number;
  deliveries: number;
  duplicates: number;
  dropped: number;
  late: number;
}

const totals: Totals = { ops: 0, applied: 0, refused: 0, events: 0, deliveries: 0, duplicates: 0, dropped: 0, late: 0 };
const started = Date.now();

afterAll(() => {
  console.info(`rollup property: seed ${String(SEED)}, ${String(CASES)} + 1 cases, ${JSON.stringify(totals)}, ${String(Math.round((Date.now() - started) / 1000))} s`);
});

/** The world as the test sees it in the emulator (as Jira would answer the app). */
function world(site: HeldSite) {
  const state = site.emulator.state;
  const level = (issue: StoredIssue): number => state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel ?? 0;
  const inProject = (projectId: string) => [...state.allIssues()].filter((issue) => issue.projectId === projectId);
  return {
    state,
    level,
    stories: () => inProject(TL.id).filter((issue) => level(issue) === 0),
    epics: () => inProject(TL.id).filter((issue) => level(issue) === 1),
    mobEpics: () => inProject(MOB.id).filter((issue) => level(issue) === 1),
    blockers: () => [...state.allIssues()].filter((issue) => issue.projectId === TL.id).flatMap((issue) => state.linksOf(issue.id).filter((link) => link.fromId === issue.id && state.linkTypes.get(link.typeId)?.name === 'Blocks')),
  };
}

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** Applies one operation through the emulator, as ADA; false when there was nothing to do it on or Jira refused it. */
function apply(site: HeldSite, op: Op, themes: readonly string[], themeCalls: { epicKey: string; themeId: string | null }[], moved: string[] = []): boolean {
  const w = world(site);
  const by = ADA.accountId;
  const story = pick(w.stories(), op.a);
  const epic = pick(w.epics(), op.b);
  try {
    switch (op.kind) {
      case 'points':
        if (story === undefined) return false;
        w.state.updateIssue(story.key, { [POINTS_FIELD]: pick([null, 1, 2, 3, 5, 8, 13, 21], op.c) }, by);
        return true;
      case 'status':
        if (story === undefined) return false;
        w.state.transitionIssue(story.key, pick(['Backlog', 'To Do', 'In Progress', 'In Review', 'Done'], op.c) ?? 'Done', by);
        return true;
      case 'summary':
        if (story === undefined) return false;
        w.state.updateIssue(story.key, { summary: `As a PM, I want change ${String(op.c)}, so that it counts` }, by);
        return true;
      case 'labels':
        if (story === undefined) return false;
        w.state.updateIssue(story.key, { labels: op.c % 3 === 0 ? [] : [`l${String(op.c % 5)}`] }, by);
        return true;
      case 'reparent': {
        if (story === undefined) return false;
        // Now and then an epic of another project (MOB, a team-managed project).
        const target = op.c % 9 === 0 ? pick(w.mobEpics(), op.b) : epic;
        if (target === undefined) return false;
        w.state.updateIssue(story.key, { parent: { key: target.key } }, by);
        return true;
      }
      case 'unparent':
        if (story?.parentId === undefined) return false;
        w.state.updateIssue(story.key, { parent: null }, by);
        return true;
      case 'create':
        w.state.createIssue({
          projectKey: 'TL',
          issueType: pick(['Story', 'Story', 'Task', 'Bug'], op.c) ?? 'Story',
          summary: `New story ${String(op.a)}`,
          ...(op.c % 4 === 0 || epic === undefined ? {} : { parentKey: epic.key }),
          fields: { [POINTS_FIELD]: pick([null, 1, 3, 5, 8], op.a) },
          asAccountId: by,
        });
        return true;
      case 'delete':
        if (story === undefined) return false;
        w.state.deleteIssue(story.key, by, { deleteSubtasks: true });
        return true;
      case 'move-story':
        if (story === undefined) return false;
        w.state.moveIssue(story.key, 'MOB', { issueType: 'Story', asAccountId: by });
        return true;
      case 'change-type': {
        if (story === undefined) return false;
        const current = w.state.issueTypes.get(story.issueTypeId)?.name;
        w.state.changeIssueType(story.key, pick(['Story', 'Task', 'Bug'].filter((name) => name !== current), op.c) ?? 'Story', by);
        return true;
      }
      case 'block': {
        const blocker = pick([...w.stories(), ...w.epics()], op.b);
        if (story === undefined || blocker === undefined || blocker.id === story.id) return false;
        w.state.addBlocker(story.key, blocker.key, by);
        return true;
      }
      case 'unblock': {
        const link = pick(w.blockers(), op.a);
        if (link === undefined) return false;
        w.state.unlinkIssues(link.id, by);
        return true;
      }
      case 'create-epic':
        w.state.createIssue({ projectKey: 'TL', issueType: 'Epic', summary: `New epic ${String(op.a)}`, asAccountId: by });
        return true;
      case 'delete-epic':
        // Rarer than the rest: an epic goes only when a few are left to move stories between.
        if (epic === undefined || w.epics().length < 6 || op.c % 3 !== 0) return false;
        w.state.deleteIssue(epic.key, by, { deleteSubtasks: true });
        return true;
      case 'epic-to-story': {
        if (epic === undefined || w.epics().length < 6 || op.c % 3 !== 0) return false;
        // Jira refuses a story with stories under it: they leave their epic first (each its own event).
        const other = w.epics().find((candidate) => candidate.id !== epic.id);
        for (const child of w.state.childrenOf(epic.id)) {
          w.state.updateIssue(child.key, { parent: op.a % 2 === 0 || other === undefined ? null : { key: other.key } }, by);
          moved.push(`${child.key}→${op.a % 2 === 0 || other === undefined ? 'none' : other.key}`);
        }
        w.state.changeIssueType(epic.key, 'Story', by);
        return true;
      }
      case 'move-epic':
        if (epic === undefined || w.epics().length < 6 || op.c % 4 !== 0) return false;
        w.state.moveIssue(epic.key, 'MOB', { issueType: 'Epic', asAccountId: by });
        return true;
      case 'story-to-epic':
        if (story === undefined || story.parentId !== undefined || op.c % 2 !== 0) return false;
        w.state.changeIssueType(story.key, 'Epic', by);
        return true;
      case 'theme':
        if (epic === undefined) return false;
        // Resolver calls, made between deliveries (they are awaited by the caller).
        themeCalls.push({ epicKey: epic.key, themeId: op.c % 4 === 0 ? null : (pick(themes, op.c) ?? null) });
        return true;
      case 'flush':
        return true;
    }
  } catch (error: unknown) {
    if (error instanceof Error && error.name === 'IssueEditError') return false;
    throw error;
  }
}

/** Delivers held events by their fates: shuffled, duplicated, dropped; late ones stay held. */
async function flush(site: HeldSite, held: JiraChange[], fates: () => Fate, final: boolean): Promise<JiraChange[]> {
  const kept: JiraChange[] = [];
  const out: { change: JiraChange; order: number }[] = [];
  for (const change of held) {
    const fate = fates();
    if (!final && fate.late && fate.order % 3 === 0) {
      kept.push(change);
      totals.late++;
      continue;
    }
    if (fate.copies === 0) totals.dropped++;
    if (fate.copies > 1) totals.duplicates += fate.copies - 1;
    for (let copy = 0; copy < fate.copies; copy++) out.push({ change, order: fate.order + copy * 7919 });
  }
  out.sort((x, y) => x.order - y.order);
  // Two at a time, as Forge runs triggers concurrently: the store's conditional writes meet.
  for (let i = 0; i < out.length; i += 2) {
    await Promise.all(out.slice(i, i + 2).map(({ change }) => site.deliver(change)));
    totals.deliveries += Math.min(2, out.length - i);
  }
  await site.runtime.whenIdle();
  return kept;
}

async function runCase(ops: readonly Op[], fateList: readonly Fate[], everyEvent = false): Promise<void> {
  let strictlyLater = Date.now();
  // A clock that never gives two edits the same `updated` (Jira's has milliseconds).
  const site = await startHeldSite({ emulator: { dataset: demoWithoutEpicLinks(), now: () => new Date((strictlyLater = Math.max(Date.now(), strictlyLater + 1))) } });
  try {
    const themes = await addThemes(site, TL, ['Retention', 'Growth', 'Platform']);
    const firstEpics = world(site).epics();
    for (const [i, epic] of firstEpics.entries()) await setEpicTheme(site, TL, epic.key, themes[i % themes.length] ?? null);
    await recount(site);
    site.take();
    let fateIndex = 0;
    const fates = (): Fate => {
      const fate = fateList[fateIndex % fateList.length] ?? { copies: 1, late: false, order: 0 };
      fateIndex++;
      return everyEvent ? { ...fate, copies: Math.max(1, fate.copies) } : fate;
    };
    let held: JiraChange[] = [];
    const journal: string[] = [];
    for (const op of ops) {
      totals.ops++;
      const themeCalls: { epicKey: string; themeId: string | null }[] = [];
      const w = world(site);
      const note = `#${String(totals.ops)} ${op.kind} story=${pick(w.stories(), op.a)?.key ?? '-'} epic=${pick(w.epics(), op.b)?.key ?? '-'}`;
      const moved: string[] = [];
      if (apply(site, op, themes, themeCalls, moved)) {
        totals.applied++;
        journal.push(moved.length === 0 ? note : `${note} children ${moved.join(' ')}`);
      } else totals.refused++;
      for (const call of themeCalls) await setEpicTheme(site, TL, call.epicKey, call.themeId).catch(() => undefined);
      // The recompute of the epic's stories it queues finishes before Jira changes again (see the known gap in former-places.test.ts).
      if (themeCalls.length > 0) await site.runtime.whenIdle();
      const fresh = site.take().filter(isProductEvent);
      totals.events += fresh.length;
      held.push(...fresh);
      if (op.kind === 'flush' || held.length > 12) held = await flush(site, held, fates, false);
    }
    await flush(site, held, fates, true);

    // (a) Before the recount: the page says how old each rollup is (or that it counts live).
    const before = await visionMap(site, ADA, TL);
    expectAges(before);
    if (everyEvent) {
      // No event lost (only late, repeated, shuffled): the triggers alone keep every rollup exact.
      const stale = [
        ...differences(counted(before), counted(await oneShotVisionMap(site.runtime, ADA, TL))).map((line) => `map ${line}`),
        ...differences(plain((await storedGroups(site.runtime, TL.id)).groups), plain(await groupsFromScratch(site.runtime, TL))).map((line) => `group ${line}`),
      ];
      if (stale.length > 0) throw new Error(`With every event delivered, before the recount, kept ≠ from scratch:\n${stale.join('\n')}${historyOf(stale, journal, site)}`);
    }

    // (b) After the recount: every rollup equals the one computed from scratch.
    await recount(site);
    const after = await visionMap(site, ADA, TL);
    expect(after.counting?.mode).toBe('rollups');
    expectAges(after);
    const stored = await storedGroups(site.runtime, TL.id);
    const found = [
      ...differences(counted(after), counted(await oneShotVisionMap(site.runtime, ADA, TL))).map((line) => `map ${line}`),
      ...differences(plain(stored.groups), plain(await groupsFromScratch(site.runtime, TL))).map((line) => `group ${line}`),
    ];
    if (found.length > 0) throw new Error(`After the recount, kept ≠ from scratch:\n${found.join('\n')}${historyOf(found, journal, site)}`);
  } finally {
    await site.close();
  }
}

/** The operations that touched the issues a difference names, to go with the failure. */
function historyOf(differencesFound: readonly string[], journal: readonly string[], site?: HeldSite): string {
  const text = differencesFound.join(' ');
  // The stories found in the wrong place first (members name their key as "k"); else every key named.
  const members = [...text.matchAll(/"k":"([A-Z]+-\d+)"/g)].map((match) => match[1] ?? '');
  const keys = new Set(members.length > 0 ? members : [...text.matchAll(/\b(TL|MOB)-\d+\b/g)].map((match) => match[0]));
  const touched = journal.filter((line) => (line.match(/\b[A-Z]+-\d+\b/g) ?? []).some((key) => keys.has(key)));
  const state = site?.emulator.state;
  const now = [...keys].map((key) => {
    const issue = state?.findIssue(key);
    if (state === undefined) return '';
    if (issue === undefined) return `${key}: deleted`;
    const parent = issue.parentId === undefined ? undefined : state.issueById(issue.parentId);
    return `${key}: now ${issue.key}, ${state.issueTypes.get(issue.issueTypeId)?.name ?? '?'}, parent ${parent?.key ?? 'none'}${parent === undefined ? '' : ` (${state.issueTypes.get(parent.issueTypeId)?.name ?? '?'})`}`;
  });
  return `${now.length > 0 && state !== undefined ? `\n${now.join('\n')}` : ''}${touched.length === 0 ? '' : `\nOperations on those issues, in order:\n${touched.slice(-40).join('\n')}`}`;
}

function expectAges(map: VisionMapView): void {
  const counting = map.counting;
  if (counting === undefined) throw new Error('the map does not say how it counted');
  if (counting.mode === 'live') {
    expect(counting.message).toMatch(/Counting live/);
    return;
  }
  const { reconciledAt, oldestAt } = counting;
  expect(reconciledAt).not.toBeNull();
  const ages: string[] = [];
  for (const epic of map.epics) {
    const countedAt = epic.countedAt;
    if (typeof countedAt !== 'string') throw new Error(`${epic.key} does not say when it was counted (${String(countedAt)})`);
    ages.push(countedAt);
    if (reconciledAt !== null) expect(countedAt >= reconciledAt, `${epic.key} counted at ${countedAt}, before the recount of ${reconciledAt}`).toBe(true);
  }
  if (ages.length > 0) expect(oldestAt).toBe([...ages].sort()[0]);
}

describe('rollups under random edits and unreliable events', () => {
  it(`equal a from-scratch count after the recount, and say their age before it (${String(CASES)} cases × ${String(OPS_PER_CASE)} operations, seed ${String(SEED)})`, async () => {
    const details = await fc.check(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: OPS_PER_CASE, maxLength: OPS_PER_CASE }), fc.array(fateArbitrary, { minLength: 97, maxLength: 97 }), async (ops, fates) => runCase(ops, fates)),
      { seed: SEED, numRuns: CASES, endOnFailure: true },
    );
    if (details.failed) {
      // The operations are long; the seed replays them (fast-check draws them from it alone).
      const cause = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
      throw new Error(`The rollup property failed in case ${String(details.numRuns)} of seed ${String(SEED)} (replay: THROUGHLINE_PROPERTY_SEED=${String(SEED)}):\n${cause}`);
    }
    expect(totals.ops).toBeGreaterThanOrEqual(CASES * OPS_PER_CASE);
  }, 300_000);

  it(`equal a from-scratch count even before the recount when no event is lost (late, repeated and shuffled only: 1 case × ${String(OPS_PER_CASE)} operations, seed ${String(SEED)})`, async () => {
    const details = await fc.check(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: OPS_PER_CASE, maxLength: OPS_PER_CASE }), fc.array(fateArbitrary, { minLength: 97, maxLength: 97 }), async (ops, fates) => runCase(ops, fates, true)),
      { seed: SEED + 1, numRuns: 1, endOnFailure: true },
    );
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
      throw new Error(`The rollup property (no event lost) failed with seed ${String(SEED + 1)} (replay: THROUGHLINE_PROPERTY_SEED=${String(SEED)}):\n${cause}`);
    }
  }, 300_000);
});
