/**
 * A Jira dashboard with the app's gadgets (jira:dashboardGadget): each gadget in Jira's frame,
 * with Edit (the gadget's edit view, `context.extension.entryPoint: 'edit'`) and Refresh
 * (JIRA_DASHBOARD_GADGET_REFRESH to the gadget). What an edit view submits (`view.submit`) is kept
 * as the gadget's configuration, shared by everyone who views the dashboard as in Jira, and handed
 * back in `context.extension.gadgetConfiguration`. Tests may set a configuration directly, as anyone
 * who may edit a dashboard can through Jira's REST API (a forged one included).
 */
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { HttpError, readJson, sendJson } from '../http';
import { html } from '../html';
import type { Html } from '../html';
import { chromeOf, frameSpecs, pageData, sendPage } from '../page-chrome';
import { breadcrumbs } from '../pages';

const DASHBOARD_ID = '10000';
/** What Jira keeps per gadget: gadget id → the last submitted configuration. */
const configurations = new WeakMap<ShellContext, Map<string, Record<string, unknown>>>();
const MAX_CONFIGURATION_BYTES = 10_000;

function savedOf(shell: ShellContext): Map<string, Record<string, unknown>> {
  let saved = configurations.get(shell);
  if (saved === undefined) {
    saved = new Map();
    configurations.set(shell, saved);
  }
  return saved;
}

/** One gadget of each of the app's gadget modules, with an id as Jira gives dashboard items. */
export function gadgetIdOf(moduleKey: string): string {
  return `gadget-${moduleKey}`;
}

function gadgetSection(title: string, gadgetId: string, editing: boolean, frame: Html): Html {
  const headingId = `${gadgetId}-title`;
  return html`<section class="gadget" aria-labelledby="${headingId}" data-gadget="${gadgetId}">
  <div class="gadget-header">
    <h2 class="gadget-title" id="${headingId}">${title}${editing ? ' (editing)' : ''}</h2>
    ${editing ? html`<a class="shell-button" href="/dashboard">Cancel</a>` : html`<a class="shell-button" href="/dashboard?edit=${encodeURIComponent(gadgetId)}" aria-label="Edit ${title}">Edit</a>
    <button type="button" class="shell-button" data-gadget-refresh="${gadgetId}" aria-label="Refresh ${title}">Refresh</button>`}
  </div>
  ${frame}
</section>`;
}

function dashboard({ request, response, url }: ShellCall, shell: ShellContext): void {
  const data = pageData(shell, request);
  const editing = url.searchParams.get('edit');
  const saved = savedOf(shell);
  // `?gadgets=key,key`: a dashboard holding only these of the app's gadgets (a bench measures one
  // gadget alone, as on a dashboard where it is the app's only one); without it, all of them.
  const chosen = url.searchParams.get('gadgets')?.split(',');
  const sections = shell.manifest.modules
    .filter((module) => module.type === 'jira:dashboardGadget' && (chosen === undefined || chosen.includes(module.key)))
    .map((module) => {
      const gadgetId = gadgetIdOf(module.key);
      const edit = editing === gadgetId;
      const extension = { gadgetConfiguration: saved.get(gadgetId) ?? {}, dashboard: { id: DASHBOARD_ID }, gadget: { id: gadgetId }, ...(edit ? { entryPoint: 'edit' } : {}) };
      const frame = frameSpecs(shell, 'jira:dashboardGadget', extension).find((candidate) => candidate.spec.moduleKey === module.key);
      if (frame === undefined) return html``;
      const resourceKey = edit ? (module.editResourceKey ?? module.resourceKey) : module.resourceKey;
      const spec = { ...frame.spec, resourceUrl: `/__shell/resources/${encodeURIComponent(resourceKey)}/` };
      return gadgetSection(module.title, gadgetId, edit, html`<div class="forge-frame" data-frame="${JSON.stringify(spec)}" data-module="${module.key}"><p class="frame-loading">Loading ${module.title}…</p></div>`);
    });
  const content = html`${breadcrumbs([['Dashboards', undefined], ['Product overview', undefined]])}<h1 class="page-title">Product overview</h1>
${sections.length === 0 ? html`<p>The app has no dashboard gadget (jira:dashboardGadget) in manifest.yml.</p>` : html`<div class="dashboard">${sections}</div>`}`;
  sendPage(response, 200, chromeOf(shell, request, 'Product overview', undefined, undefined, data), content);
}

/** What `view.submit` sends from an edit view (the host script posts it here), or a test's own configuration. */
async function saveConfiguration({ request, response }: ShellCall, shell: ShellContext): Promise<void> {
  const body = await readJson(request);
  const { gadgetId, configuration } = body;
  if (typeof gadgetId !== 'string' || !shell.manifest.modules.some((module) => module.type === 'jira:dashboardGadget' && gadgetIdOf(module.key) === gadgetId)) throw new HttpError(404, 'There is no such gadget on this dashboard.');
  if (typeof configuration !== 'object' || configuration === null || Array.isArray(configuration)) throw new HttpError(400, 'A gadget configuration is an object.');
  if (JSON.stringify(configuration).length > MAX_CONFIGURATION_BYTES) throw new HttpError(413, 'The gadget configuration is too large.');
  savedOf(shell).set(gadgetId, configuration as Record<string, unknown>);
  sendJson(response, 200, { ok: true });
}

export const dashboardRoutes: readonly ShellRoute[] = [
  { method: 'GET', path: '/dashboard', handle: dashboard },
  { method: 'POST', path: '/__shell/api/gadget-configuration', handle: saveConfiguration },
];
