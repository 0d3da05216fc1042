/**
 * The demo project's Throughline configuration, as an admin would set it up once: WSJF over the
 * demo's own fields (business value, time criticality, the risk-reduction select through an
 * option table, story points), the default readiness rules, and a vision with the five themes
 * the demo's epics point at. `npm start` applies it on a fresh start through the app's own
 * resolvers (exportConfig, then importConfig as the admin), exactly as the settings page would,
 * and the import queues the background recompute that fills the "Priority score" field.
 */
import type { ForgeRuntime } from '../forge-runtime';
import { FIELD, USERS } from './catalog';
import { DEMO_PROJECT, DEMO_THEMES } from './generate-demo';

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
  return `Applied the demo configuration to ${project.key} (WSJF over the demo's fields, 5 themes); the background recompute is filling the Priority score field.`;
}
