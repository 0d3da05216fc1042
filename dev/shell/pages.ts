/**
 * The shell's pages, rendered on the server: Jira's frame (top bar, project sidebar), the
 * project's issue list, the issue view with the app's jira:issueContext panel in the right
 * sidebar, and honest placeholders for the surfaces that are not built yet.
 */
import type { FrameSpec, ShellPageData } from './client/protocol';
import { html, jsonBlock } from './html';
import type { Html, HtmlValue } from './html';
import { THEME_FILES } from './theme-css';

export interface UserChoice {
  readonly accountId: string;
  readonly displayName: string;
  /** What this user may do in the project in view: "project admin", "can edit", "no access". */
  readonly role: string;
}

export interface ProjectRef {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly typeKey: string;
}

export type NavItem = 'issues' | 'app-page' | 'settings';

export interface Chrome {
  readonly title: string;
  readonly siteName: string;
  readonly path: string;
  readonly users: readonly UserChoice[];
  readonly currentUser: string;
  readonly latency: string;
  readonly fault: string;
  readonly latencies: readonly (readonly [string, string])[];
  readonly faults: readonly (readonly [string, string])[];
  /** Today on the local clock (UTC), which "Next day" moves. */
  readonly today: string;
  readonly project: ProjectRef | undefined;
  readonly nav: NavItem | undefined;
  readonly data: ShellPageData;
}

function option(value: string, label: string, selected: string): Html {
  return html`<option value="${value}" ${value === selected ? html`selected` : ''}>${label}</option>`;
}

function toolbar(chrome: Chrome): Html {
  const dark = chrome.data.theme.colorMode === 'dark';
  return html`<div class="shell-toolbar" role="region" aria-label="Local shell controls">
  <span class="shell-toolbar-title">Local Jira shell</span>
  <form method="post" action="/__shell/session" class="shell-control">
    <label for="user-select">Viewing as</label>
    <select id="user-select" name="user">${chrome.users.map((user) => option(user.accountId, `${user.displayName} (${user.role})`, chrome.currentUser))}</select>
    <input type="hidden" name="return" value="${chrome.path}" />
    <button type="submit" class="shell-button">Switch user</button>
  </form>
  <button id="theme-toggle" type="button" class="shell-button" aria-pressed="${String(dark)}">Dark theme: ${dark ? 'on' : 'off'}</button>
  <form id="emulator-form" class="shell-control">
    <label for="latency-select">Jira latency</label>
    <select id="latency-select" name="latency">${chrome.latencies.map(([value, label]) => option(value, label, chrome.latency))}</select>
    <label for="fault-select">Faults</label>
    <select id="fault-select" name="fault">${chrome.faults.map(([value, label]) => option(value, label, chrome.fault))}</select>
    <button type="submit" class="shell-button">Apply</button>
    <span id="emulator-status" class="shell-status" role="status"></span>
  </form>
  <form method="post" action="/__shell/clock" class="shell-control">
    <span id="clock-today">Today (UTC): ${chrome.today}</span>
    <input type="hidden" name="return" value="${chrome.path}" />
    <button type="submit" class="shell-button" title="Moves the local clock (the app's and Jira's) one day ahead, then runs the app's daily scheduled triggers">Next day</button>
  </form>
</div>`;
}

function projectNav(chrome: Chrome): Html | '' {
  const project = chrome.project;
  if (project === undefined) return '';
  const link = (item: NavItem, href: string, label: HtmlValue): Html =>
    html`<li><a href="${href}" class="nav-link" ${chrome.nav === item ? html`aria-current="page"` : ''}>${label}</a></li>`;
  const base = `/projects/${encodeURIComponent(project.key)}`;
  return html`<nav class="project-nav" aria-label="Project">
  <div class="project-header">
    <span class="project-avatar" aria-hidden="true">${project.key.slice(0, 2)}</span>
    <span><span class="project-name">${project.name}</span><span class="project-type">${project.typeKey === 'software' ? 'Software project' : `${project.typeKey} project`}</span></span>
  </div>
  <p class="nav-heading">Planning</p>
  <ul class="nav-list">${link('issues', base, 'Issues')}</ul>
  <p class="nav-heading">Apps</p>
  <ul class="nav-list">${link('app-page', `${base}/apps/throughline`, 'Throughline')}</ul>
  <ul class="nav-list nav-bottom">${link('settings', `${base}/settings`, 'Project settings')}</ul>
</nav>`;
}

export function renderPage(chrome: Chrome, content: Html): string {
  const dark = chrome.data.theme.colorMode === 'dark';
  return `<!doctype html>${html`<html lang="en" data-theme="${chrome.data.theme.dataTheme}" data-color-mode="${dark ? 'dark' : 'light'}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${chrome.title} - ${chrome.siteName}</title>
${THEME_FILES.map((theme) => html`<link rel="stylesheet" href="/__shell/tokens/${theme}.css" />`)}
<link rel="stylesheet" href="/__shell/assets/shell.css" />
<script type="module" src="/__shell/assets/shell-host.js"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="top-bar">
  <a class="product" href="/"><span class="product-logo" aria-hidden="true"></span><span class="product-name">Jira</span></a>
  <span class="site-name">${chrome.siteName}</span>
  <nav aria-label="Jira"><a class="top-link" href="/dashboard" ${chrome.path === '/dashboard' ? html`aria-current="page"` : ''}>Dashboards</a></nav>
</header>
${toolbar(chrome)}
<div class="layout">
${projectNav(chrome)}
<main id="main" class="main" tabindex="-1">
${content}
</main>
</div>
<div id="flags" class="flags" role="region" aria-label="Notifications"></div>
<script type="application/json" id="shell-data">${jsonBlock(chrome.data)}</script>
</body>
</html>`.text}`;
}

export function breadcrumbs(items: readonly (readonly [string, string | undefined])[]): Html {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>${items.map(([label, href]) =>
    href === undefined ? html`<li aria-current="page">${label}</li>` : html`<li><a href="${href}">${label}</a></li>`,
  )}</ol></nav>`;
}

export interface IssueRow {
  readonly key: string;
  readonly summary: string;
  readonly type: string;
  readonly status: string;
  readonly statusCategory: string;
  readonly priority: string;
  /** The app's "Priority score" as Jira holds it (undefined when the site has no such field). */
  readonly score?: string;
}

export function statusLozenge(name: string, category: string): Html {
  return html`<span class="lozenge lozenge-${category}">${name}</span>`;
}

export function projectIssuesContent(project: ProjectRef, rows: readonly IssueRow[] | undefined): Html {
  const crumbs = breadcrumbs([
    ['Projects', undefined],
    [project.name, undefined],
  ]);
  if (rows === undefined) {
    return html`${crumbs}<h1 class="page-title">Issues</h1>${noAccess("You don't have access to this project", 'Ask a project admin for the Browse projects permission.')}`;
  }
  const withScore = rows.some((row) => row.score !== undefined);
  return html`${crumbs}<h1 class="page-title">Issues</h1>
<table class="issue-table">
  <caption class="visually-hidden">Issues of ${project.name}</caption>
  <thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Priority</th>${withScore ? html`<th scope="col" class="issue-score">Priority score</th>` : ''}</tr></thead>
  <tbody>${rows.map(
    (row) =>
      html`<tr><td><a href="/browse/${row.key}">${row.key}</a></td><td>${row.summary}</td><td>${row.type}</td><td>${statusLozenge(row.status, row.statusCategory)}</td><td>${row.priority}</td>${withScore ? html`<td class="issue-score" data-score-of="${row.key}">${row.score ?? ''}</td>` : ''}</tr>`,
  )}</tbody>
</table>`;
}

export function noAccess(title: string, detail: string): Html {
  return html`<div class="empty-state" role="alert"><h2 class="empty-title">${title}</h2><p>${detail}</p></div>`;
}

export function placeholderContent(project: ProjectRef, title: string, what: string): Html {
  return html`${breadcrumbs([
    ['Projects', undefined],
    [project.name, `/projects/${project.key}`],
    [title, undefined],
  ])}<h1 class="page-title">${title}</h1>
<div class="empty-state placeholder" data-testid="not-built">
  <h2 class="empty-title">Not built yet</h2>
  <p>${what}</p>
  <p>This is where Jira shows it; the shell will host the app's resource here, as it does in the issue view, once the module is in manifest.yml.</p>
</div>`;
}

/** The app's project page (jira:projectPage): the whole content area is the app's frame. */
export function projectAppContent(project: ProjectRef, spec: FrameSpec): Html {
  return html`${breadcrumbs([
    ['Projects', undefined],
    [project.name, `/projects/${project.key}`],
    [spec.title, undefined],
  ])}<section class="project-app" aria-label="${spec.title}">
  <div class="forge-frame project-app-frame" data-frame="${JSON.stringify(spec)}" data-module="${spec.moduleKey}"><p class="frame-loading">Loading ${spec.title}…</p></div>
</section>`;
}

export interface DetailRow {
  readonly label: string;
  readonly value: HtmlValue;
}

export interface EditChoice {
  readonly storyPoints: { readonly fieldId: string; readonly name: string; readonly value: string } | undefined;
  readonly priorities: readonly (readonly [string, string])[];
  readonly priorityId: string;
  readonly dueDate: string;
}

function editForm(edit: EditChoice): Html {
  return html`<form id="edit-form" class="edit-form" aria-label="Edit the fields that feed the score">
  <p class="edit-title">Edit</p>
  ${edit.storyPoints === undefined ? '' : html`<label for="edit-points">${edit.storyPoints.name}</label><input id="edit-points" name="${edit.storyPoints.fieldId}" type="number" step="any" value="${edit.storyPoints.value}" />`}
  <label for="edit-priority">Priority</label>
  <select id="edit-priority" name="priority">${edit.priorities.map(([id, name]) => option(id, name, edit.priorityId))}</select>
  <label for="edit-due">Due date</label>
  <input id="edit-due" name="duedate" type="date" value="${edit.dueDate}" />
  <button type="submit" class="shell-button">Save</button>
  <span id="edit-status" class="shell-status" role="status"></span>
</form>`;
}

export function issueFieldsFragment(status: Html, rows: readonly DetailRow[], edit: EditChoice | undefined): Html {
  return html`<div id="issue-fields" class="issue-fields">
  <div class="issue-status">${status}</div>
  <section class="side-panel" aria-labelledby="details-heading">
    <h2 id="details-heading" class="side-panel-title">Details</h2>
    <dl class="details">${rows.map((row) => html`<dt>${row.label}</dt><dd>${row.value}</dd>`)}</dl>
    ${edit === undefined ? '' : editForm(edit)}
  </section>
</div>`;
}

export function appPanel(spec: FrameSpec, label: string | undefined): Html {
  return html`<section class="side-panel app-panel" aria-label="${spec.title}">
  <details open>
    <summary class="side-panel-title"><span>${spec.title}</span>${label === undefined ? '' : html`<span class="app-label">${label}</span>`}</summary>
    <div class="forge-frame" data-frame="${JSON.stringify(spec)}" data-module="${spec.moduleKey}"><p class="frame-loading">Loading ${spec.title}…</p></div>
  </details>
</section>`;
}

export interface IssueViewParts {
  readonly project: ProjectRef;
  readonly issueKey: string;
  /** Undefined when the user cannot see the issue. */
  readonly summary: string | undefined;
  readonly description: Html;
  readonly fields: Html | undefined;
  readonly apps: readonly Html[];
}

export function issueViewContent(parts: IssueViewParts): Html {
  const crumbs = breadcrumbs([
    ['Projects', undefined],
    [parts.project.name, `/projects/${parts.project.key}`],
    [parts.issueKey, undefined],
  ]);
  const main =
    parts.summary === undefined
      ? html`${noAccess("You can't view this issue", "It may have been deleted or you don't have permission to view it.")}
<p class="shell-note">The shell still mounts the app beside it, with this issue in its context, as a forged request could: the app must refuse it too.</p>`
      : html`<h1 id="issue-summary" class="issue-summary">${parts.summary}</h1>
<section aria-labelledby="description-heading"><h2 id="description-heading" class="section-title">Description</h2><div class="description">${parts.description}</div></section>`;
  return html`${crumbs}<div class="issue-layout">
  <section class="issue-main" aria-label="Issue">${main}</section>
  <aside class="issue-side" aria-label="Issue details and apps">${parts.fields ?? ''}${parts.apps}</aside>
</div>`;
}
