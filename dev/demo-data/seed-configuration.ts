/**
 * The demo project's Throughline configuration, as an admin would set it up once: WSJF over the
 * demo's own fields (business value, time criticality, the risk-reduction select through an
 * option table, story points), the default readiness rules, and a vision with the five themes
 * the demo's epics point at. `npm start` applies it on a fresh start through the app's own
 * resolvers (exportConfig, then importConfig as the admin), exactly as the settings page would,
 * and the import queues the background recompute that fills the "Priority score" field.
 *
 * The team-managed project MOB gets its own vision and two themes, its epics attached to them,
 * the way a product manager sets them on the project page (editStrategy, setEpicTheme); its
 * scoring and readiness stay as nobody configured them, the first minute of a new project.
 */
import type { ForgeRuntime } from '../forge-runtime';
import { FIELD, USERS } from './catalog';
import { DEMO_PROJECT, DEMO_THEMES, TEAM_PROJECT, TEAM_THEMES } from './generate-demo';

interface ProjectRef {
  readonly id: string;
  readonly key: string;
}

/** Modified Fibonacci, as SAFe scores the parts of the cost of delay. */
const RISK_REDUCTION_TABLE = { None: 1, Low: 2, Medium: 5, High: 8, Critical: 13 };

const THEME_PLAN: Readonly<Record<string, { description: string; horizon: string; targetPercent: number; strategicWeight: number; colour: string }>> = {
  'theme-onboarding': { description: 'New teams get value in their first hour.', horizon: 'now', targetPercent: 30, strategicWeight: 1.5, colour: 'green' },
  'theme-insights': { description: 'Leaders decide from live delivery data, not slides.', horizon: 'now', targetPercent: 25, strategicWeight: 1.2, colour: 'blue' },
  'theme-collaboration': { description: 'Product, design and engineering plan in one place.', horizon: 'next', targetPercent: 20, strategicWeight: 1, colour: 'purple' },
  'theme-platform': { description: 'Fast, secure and dependable at any scale.', horizon: 'now', targetPercent: 15, strategicWeight: 1, colour: 'gray' },
  'theme-mobile': { description: 'Everything that matters, on the phone.', horizon: 'later', targetPercent: 10, strategicWeight: 0.8, colour: 'orange' },
};

const TEAM_THEME_PLAN: Readonly<Record<(typeof TEAM_THEMES)[number]['id'], { description: string; horizon: string; targetPercent: number; strategicWeight: number; colour: string; epicKey: string }>> = {
  'theme-mob-everyday': { description: 'The issues a field team needs open in under two seconds, even offline.', horizon: 'now', targetPercent: 60, strategicWeight: 1.2, colour: 'teal', epicKey: `${TEAM_PROJECT.key}-1` },
  'theme-mob-reach': { description: 'People hear about what needs them, and nothing else.', horizon: 'next', targetPercent: 40, strategicWeight: 1, colour: 'gray', epicKey: `${TEAM_PROJECT.key}-2` },
};

function settingsExtension(project: ProjectRef): Record<string, unknown> {
  return { type: 'jira:projectSettingsPage', project: { id: project.id, key: project.key, type: 'software' } };
}

/** Applies the demo configuration to the demo project; returns a line saying what happened. */
export async function seedDemoConfiguration(runtime: ForgeRuntime, project: ProjectRef = DEMO_PROJECT): Promise<string> {
  const admin = { accountId: USERS.ada.accountId, locale: 'en-US', timezone: 'UTC' };
  const exported = await runtime.invokeResolver('project-settings', 'exportConfig', undefined, admin, settingsExtension(project));
  const answer = exported.success ? (exported.body as { ok: boolean; value?: { file: Record<string, unknown> }; error?: { message: string } }) : undefined;
  if (answer?.ok !== true || answer.value === undefined) {
    return `Demo configuration not applied: ${exported.success ? (answer?.error?.message ?? 'no answer') : exported.error.message}`;
  }
  const file = answer.value.file;
  const strategy = (file.strategy ?? {}) as Record<string, unknown>;
  const configured = {
    ...file,
    scoring: {
      version: 1,
      model: {
        type: 'wsjf',
        inputs: {
          businessValue: { kind: 'number', fieldId: FIELD.businessValue },
          timeCriticality: { kind: 'number', fieldId: FIELD.timeCriticality },
          riskReduction: { kind: 'select', fieldId: FIELD.riskReduction, options: RISK_REDUCTION_TABLE },
          jobSize: { kind: 'number', fieldId: FIELD.storyPointEstimate },
        },
      },
      multiplyByStrategicWeight: true,
    },
    strategy: {
      ...strategy,
      vision: {
        statement: 'Every product team sees, in Jira itself, why each story matters and whether it is ready.',
        targetCustomers: 'Product managers, product owners and delivery teams of software companies using Jira Cloud.',
        goals: [
          { name: 'Faster onboarding', metric: 'Time to first scored backlog', target: 'under 1 hour' },
          { name: 'Aligned delivery', metric: 'Share of open points under a theme', target: '90%' },
        ],
      },
      themes: DEMO_THEMES.map((theme) => ({ id: theme.id, name: theme.name, archived: false, claimLabels: [], ...THEME_PLAN[theme.id] })),
    },
    productManagers: [USERS.pat.accountId],
  };
  const imported = await runtime.invokeResolver('project-settings', 'importConfig', { file: JSON.stringify(configured) }, admin, settingsExtension(project));
  const result = imported.success ? (imported.body as { ok: boolean; error?: { message: string } }) : undefined;
  if (result?.ok !== true) {
    return `Demo configuration not applied: ${imported.success ? (result?.error?.message ?? 'no answer') : imported.error.message}`;
  }
  const applied = `Applied the demo configuration to ${project.key} (WSJF over the demo's fields, 5 themes); the background recompute is filling the Priority score field.`;
  return project.id === DEMO_PROJECT.id ? `${applied}\n${await seedTeamStrategy(runtime, admin)}` : applied;
}

/** One call to a project page resolver as `user`; the answer's value, or the refusal in words. */
async function projectPageCall(runtime: ForgeRuntime, functionKey: string, payload: unknown, user: { accountId: string; locale: string; timezone: string }): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const extension = { type: 'jira:projectPage', project: { id: TEAM_PROJECT.id, key: TEAM_PROJECT.key, type: 'software' } };
  const answer = await runtime.invokeResolver('project-page', functionKey, payload, user, extension);
  if (!answer.success) return { ok: false, message: answer.error.message };
  const body = answer.body as { ok: boolean; value?: unknown; error?: { message: string } };
  return body.ok ? { ok: true, value: body.value } : { ok: false, message: body.error?.message ?? 'no answer' };
}

/** MOB's vision and themes, and its epics attached to them, as its admin sets them on the project page. */
async function seedTeamStrategy(runtime: ForgeRuntime, admin: { accountId: string; locale: string; timezone: string }): Promise<string> {
  const edits: unknown[] = [
    {
      kind: 'set-vision',
      vision: {
        statement: 'Field teams act on their Jira work from the phone, in the moment it matters.',
        targetCustomers: 'Engineers and support staff on call or on site, away from a desk.',
        goals: [{ name: 'Quick look-ups', metric: 'Issue opened from a notification', target: 'under 2 seconds' }],
      },
    },
    ...TEAM_THEMES.map((theme) => {
      const plan = TEAM_THEME_PLAN[theme.id];
      return { kind: 'add-theme', theme: { id: theme.id, name: theme.name, archived: false, claimLabels: [], description: plan.description, horizon: plan.horizon, targetPercent: plan.targetPercent, strategicWeight: plan.strategicWeight, colour: plan.colour } };
    }),
  ];
  let revision = 0;
  for (const edit of edits) {
    const saved = await projectPageCall(runtime, 'editStrategy', { baseRevision: revision, edit }, admin);
    if (!saved.ok) return `${TEAM_PROJECT.key}'s vision not applied: ${saved.message}`;
    revision = (saved.value as { revision: number }).revision;
  }
  for (const theme of TEAM_THEMES) {
    const attached = await projectPageCall(runtime, 'setEpicTheme', { epicKey: TEAM_THEME_PLAN[theme.id].epicKey, themeId: theme.id }, admin);
    if (!attached.ok) return `${TEAM_PROJECT.key}'s epics not attached to its themes: ${attached.message}`;
  }
  return `${TEAM_PROJECT.key} has its own vision and ${String(TEAM_THEMES.length)} themes, one for each of its epics; its scoring is left as nobody configured it.`;
}
