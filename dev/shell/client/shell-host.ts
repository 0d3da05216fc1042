/**
 * The shell page's side of the bridge, playing Jira's part: mounts each app frame, answers the
 * calls its @forge/bridge makes (invoke → the local Forge runtime, requestJira → the Jira
 * emulator as the current user, getContext, events, router, flags, theming, refresh, history),
 * forwards JIRA_ISSUE_CHANGED when the issue in view changes, and a dashboard gadget's submit and refresh.
 *
 * Compiled on its own as an ES module: no imports but types.
 * Over 400 lines because it is one self-contained browser script (compiled alone, no imports): every bridge call Jira answers lives here.
 */
import type { ClientMessage, ColorMode, FrameSpec, HelloMessage, HistoryLocation, HostMessage, PortMessage, ShellPageData, WireError } from './protocol';

interface MountedFrame {
  readonly spec: FrameSpec;
  readonly iframe: HTMLIFrameElement;
  port: MessagePort | undefined;
  /** The session of the document the port was handed to (HelloMessage). */
  session: string | undefined;
  themed: boolean;
  /** subscription id → event name */
  readonly subscriptions: Map<string, string>;
  location: HistoryLocation;
}

class BridgeError extends Error {
  override name = 'BridgeAPIError';
}

const dataElement = document.getElementById('shell-data');
const page = JSON.parse(dataElement?.textContent ?? '{}') as ShellPageData;
const frames = new Map<string, MountedFrame>();
let colorMode: ColorMode = page.theme.colorMode;

// ---- flags (bottom left, as in Jira) ----
const flagRegion = document.getElementById('flags');

function closeFlag(id: string): void {
  flagRegion?.querySelector(`[data-flag-id="${CSS.escape(id)}"]`)?.remove();
}

function showFlag(options: Record<string, unknown>): void {
  if (flagRegion === null) return;
  const id = String(options.id);
  closeFlag(id);
  const type = typeof options.type === 'string' ? options.type : 'info';
  const flag = document.createElement('div');
  flag.className = `flag flag-${type}`;
  flag.dataset.flagId = id;
  flag.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
  const title = document.createElement('p');
  title.className = 'flag-title';
  title.textContent = typeof options.title === 'string' ? options.title : '';
  flag.append(title);
  if (typeof options.description === 'string') {
    const description = document.createElement('p');
    description.className = 'flag-description';
    description.textContent = options.description;
    flag.append(description);
  }
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'flag-close';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => {
    flag.remove();
  });
  flag.append(dismiss);
  flagRegion.append(flag);
  if (options.isAutoDismiss === true) setTimeout(() => { flag.remove(); }, 8000);
}

// ---- the calls ----
async function postJson(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, json };
}

async function invoke(frame: MountedFrame, args: Record<string, unknown>): Promise<unknown> {
  const { status, json } = await postJson('/__shell/api/invoke', {
    moduleKey: frame.spec.moduleKey,
    functionKey: args.functionKey,
    payload: args.payload,
    extension: frame.spec.extension,
  });
  if (json.ok !== true) {
    const error = (json.error ?? {}) as { message?: string };
    throw new Error(`There was an error invoking the function - ${error.message ?? `the shell answered ${status}`}`);
  }
  return args.metadata === undefined ? json.body : { body: json.body, metadata: {} };
}

function contextOf(frame: MountedFrame): unknown {
  return {
    accountId: page.user.accountId,
    cloudId: page.site.cloudId,
    siteUrl: page.site.siteUrl,
    environmentId: page.site.environmentId,
    environmentType: page.site.environmentType,
    localId: `ari:cloud:ecosystem::extension/${page.site.appId}/${page.site.environmentId}/static/${frame.spec.moduleKey}`,
    locale: page.user.locale,
    timezone: page.user.timezone,
    moduleKey: frame.spec.moduleKey,
    extension: { type: frame.spec.moduleType, ...frame.spec.extension },
    theme: { colorMode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography', shape: 'shape' },
    permissions: { scopes: page.scopes },
  };
}

function urlOf(location: Record<string, unknown>): string {
  if (typeof location.url === 'string') return new URL(location.url, window.location.origin).href;
  switch (location.target) {
    case 'issue':
      return new URL(`/browse/${encodeURIComponent(String(location.issueKey))}`, window.location.origin).href;
    case 'projectSettingsDetails':
      return new URL(`/projects/${encodeURIComponent(String(location.projectKey))}/settings`, window.location.origin).href;
    case 'module': {
      // The app's project page (its only page module), at a path of its own routes.
      const path = typeof location.path === 'string' && /^\/[a-z0-9-]{1,40}$/.test(location.path) ? location.path : '';
      if (typeof location.projectKey !== 'string') throw new BridgeError('The Jira shell opens a module of a project: no project key was given.');
      return new URL(`/projects/${encodeURIComponent(location.projectKey)}/apps/throughline${path}`, window.location.origin).href;
    }
    default:
      throw new BridgeError(`The Jira shell cannot navigate to the target "${String(location.target)}" yet.`);
  }
}

function navigate(location: Record<string, unknown>): void {
  const href = urlOf(location);
  if (location.type === 'new-tab') window.open(href, '_blank', 'noopener');
  else window.location.assign(href);
}

const OUTCOME_IDS = ['edit-status', 'transition-outcome'] as const;

async function refreshIssueFields(): Promise<boolean> {
  const current = document.getElementById('issue-fields');
  if (page.issue === undefined || current === null) return false;
  const response = await fetch(`/browse/${encodeURIComponent(page.issue.key)}?fragment=fields`);
  if (!response.ok) return false;
  const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
  const fresh = parsed.getElementById('issue-fields');
  if (fresh === null) return false;
  const replacement = document.importNode(fresh, true);
  // Two refreshes can overlap (a save's own, and the issue-changed event's): the later one must not
  // wipe the words the earlier one left ("Saved.", "Moved to In Progress."), so they are carried over.
  for (const id of OUTCOME_IDS) {
    const before = current.querySelector(`#${id}`);
    const after = replacement.querySelector(`#${id}`);
    if (before === null || after === null) continue;
    after.className = before.className;
    after.replaceChildren(...[...before.childNodes].map((node) => node.cloneNode(true)));
  }
  // Nor may it drop the status the user has chosen but not yet submitted: the app writing its values
  // right after the view opens refreshes it, and a click on Transition then sent the first status in
  // the list instead of the chosen one (past the readiness gate, which only judges In Progress).
  const chosen = current.querySelector<HTMLSelectElement>('#status-select')?.value;
  const select = replacement.querySelector<HTMLSelectElement>('#status-select');
  if (chosen !== undefined && select !== null && [...select.options].some((option) => option.value === chosen)) select.value = chosen;
  current.replaceWith(replacement);
  bindEditForm();
  bindStatusControl();
  return true;
}

function sendTo(frame: MountedFrame, message: HostMessage): void {
  frame.port?.postMessage(message);
}

function emitToFrames(event: string, payload: unknown, except?: MountedFrame): void {
  for (const frame of frames.values()) {
    if (frame === except) continue;
    for (const [subscriptionId, name] of frame.subscriptions) {
      if (name === event) sendTo(frame, { kind: 'event', subscriptionId, payload });
    }
  }
}

async function answer(frame: MountedFrame, name: string, args: unknown): Promise<unknown> {
  const input = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  switch (name) {
    case 'invoke':
      return invoke(frame, input);
    case 'getContext':
      return contextOf(frame);
    case 'fetchProduct': {
      const { json } = await postJson('/__shell/api/fetch-product', input);
      if (json.ok !== true) throw new BridgeError((json.error as { message?: string } | undefined)?.message ?? 'requestJira failed');
      return json.response;
    }
    case 'fetchRemote':
      throw new BridgeError('requestRemote needs a Forge Remote, which the Jira shell does not emulate.');
    case 'on':
    case 'onPublic':
      frame.subscriptions.set(String(input.subscriptionId), String(input.event));
      return undefined;
    case 'off':
      frame.subscriptions.delete(String(input.subscriptionId));
      return undefined;
    case 'emit':
    case 'emitPublic':
      emitToFrames(String(input.event), input.payload, frame);
      return undefined;
    case 'enableTheming':
      frame.themed = true;
      return { ...page.theme, colorMode };
    case 'showFlag':
      showFlag(input);
      return undefined;
    case 'closeFlag':
      closeFlag(String(input.id));
      return undefined;
    // Rovo chat cannot run here (the model is Atlassian's): Rovo is "enabled", and opening it says
    // which agent would answer which prompt, in a flag; the actions themselves run through the
    // local runtime (invokeAction).
    case 'isRovoEnabled':
      return true;
    case 'openRovo':
      showFlag({
        id: 'rovo-chat',
        type: 'info',
        title: `Rovo chat would open with ${typeof input.agentName === 'string' ? input.agentName : 'the default agent'}`,
        description: typeof input.prompt === 'string' ? input.prompt : '',
      });
      return true;
    case 'navigate':
      navigate(input);
      return undefined;
    case 'getUrl':
      return urlOf(input);
    case 'reload':
      window.location.reload();
      return undefined;
    case 'refresh':
      // jira:issueContext: Jira refreshes the issue view around the app.
      return frame.spec.moduleType.startsWith('jira:issue') ? refreshIssueFields() : false;
    case 'createHistory':
      return frame.location;
    case 'historyUpdated':
      frame.location = (input.location ?? frame.location) as HistoryLocation;
      // Jira keeps a project page's route in its own URL, so a reload or a shared link returns
      // there, and each push is an entry of the browser's history, so back returns to the last.
      if (frame.spec.routeBase !== undefined && frame.location.pathname.startsWith('/')) {
        const path = frame.location.pathname === '/' ? '' : frame.location.pathname;
        const entry: FrameHistoryEntry = { frameId: frame.spec.frameId, location: frame.location };
        const url = `${frame.spec.routeBase}${path}${frame.location.search}`;
        if (input.action === 'PUSH') window.history.pushState(entry, '', url);
        else window.history.replaceState(entry, '', url);
      }
      return undefined;
    case 'historyGo':
      window.history.go(typeof input.delta === 'number' ? input.delta : 0);
      return undefined;
    case 'open':
      throw new BridgeError('Modals are not emulated by the Jira shell yet.');
    case 'submit':
      // A dashboard gadget's edit view: Jira keeps what it submits as the gadget's configuration.
      if (frame.spec.moduleType === 'jira:dashboardGadget' && frame.spec.extension.entryPoint === 'edit') {
        if ((await postJson('/__shell/api/gadget-configuration', { gadgetId: gadgetIdOf(frame.spec), configuration: args })).json.ok !== true) throw new BridgeError('The gadget was not saved.');
        window.location.assign('/dashboard');
        return true;
      }
      throw new BridgeError(`submit is only available in a modal, a macro's configuration or a gadget's edit view; this module is a ${frame.spec.moduleType}.`);
    case 'close':
      throw new BridgeError(`${name} is only available in a modal or a macro's configuration; this module is a ${frame.spec.moduleType}.`);
    default:
      throw new BridgeError(`The Jira shell does not emulate the bridge call "${name}" yet.`);
  }
}

function gadgetIdOf(spec: FrameSpec): string {
  return String((spec.extension.gadget as { id?: unknown } | undefined)?.id);
}

function wireError(error: unknown): WireError {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

function onFrameMessage(frame: MountedFrame, message: ClientMessage): void {
  if (message.kind === 'resize') {
    frame.iframe.style.height = `${Math.max(40, Math.min(message.height, 4000))}px`;
    return;
  }
  answer(frame, message.name, message.args).then(
    (value) => {
      sendTo(frame, { kind: 'reply', id: message.id, ok: true, value });
    },
    (error: unknown) => {
      sendTo(frame, { kind: 'reply', id: message.id, ok: false, error: wireError(error) });
    },
  );
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const hello = event.data as Partial<HelloMessage> | null;
  if (hello?.kind !== 'forge-shell:hello' || typeof hello.frameId !== 'string') return;
  const frame = frames.get(hello.frameId);
  // The frame's origin is opaque (sandboxed, like Forge's separate origin): trust the window, not the origin.
  if (frame === undefined || event.source !== frame.iframe.contentWindow || event.source === null || typeof hello.session !== 'string') return;
  // The same document saying hello again before its port arrived: the port is on its way. (Replacing
  // it would close the channel the frame is about to use, and every call of the frame would hang.)
  if (hello.session === frame.session) return;
  frame.session = hello.session;
  const channel = new MessageChannel();
  frame.port?.close();
  frame.subscriptions.clear();
  frame.themed = false;
  frame.port = channel.port1;
  channel.port1.onmessage = (message: MessageEvent<ClientMessage>) => {
    onFrameMessage(frame, message.data);
  };
  event.source.postMessage({ kind: 'forge-shell:port', session: hello.session } satisfies PortMessage, { targetOrigin: '*', transfer: [channel.port2] });
});

function mountFrames(): void {
  for (const placeholder of document.querySelectorAll<HTMLElement>('.forge-frame[data-frame]')) {
    const spec = JSON.parse(placeholder.dataset.frame ?? '{}') as FrameSpec;
    const iframe = document.createElement('iframe');
    // Forge serves each app from its own origin; an opaque origin keeps the app out of the page here too.
    iframe.setAttribute('sandbox', 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads');
    iframe.name = spec.frameId;
    iframe.title = spec.title;
    iframe.className = 'forge-iframe';
    iframe.src = spec.resourceUrl;
    const location: HistoryLocation = { pathname: spec.initialPath ?? '/', search: '', hash: '', state: null, key: 'default' };
    frames.set(spec.frameId, { spec, iframe, port: undefined, session: undefined, themed: false, subscriptions: new Map(), location });
    // The page's own entry knows the frame's location too, so back to it is a POP like any other.
    if (spec.routeBase !== undefined) window.history.replaceState({ frameId: spec.frameId, location } satisfies FrameHistoryEntry, '');
    placeholder.replaceChildren(iframe);
  }
}

// ---- dashboard gadgets: Refresh and the configured interval send JIRA_DASHBOARD_GADGET_REFRESH ----
function startGadgetRefresh(): void {
  const refresh = (gadgetId: string): void => { emitToFrames('JIRA_DASHBOARD_GADGET_REFRESH', { origin: 'gadget', gadgetId }); };
  for (const button of document.querySelectorAll<HTMLElement>('[data-gadget-refresh]')) button.addEventListener('click', () => { refresh(button.dataset.gadgetRefresh ?? ''); });
  for (const { spec } of frames.values()) {
    const minutes = (spec.extension.gadgetConfiguration as { refresh?: unknown } | undefined)?.refresh;
    if (typeof minutes === 'number' && minutes > 0) setInterval(() => { refresh(gadgetIdOf(spec)); }, minutes * 60_000);
  }
}

// ---- the shell's own controls ----
function setColorMode(mode: ColorMode): void {
  colorMode = mode;
  document.documentElement.setAttribute('data-color-mode', mode);
  const toggle = document.getElementById('theme-toggle');
  toggle?.setAttribute('aria-pressed', String(mode === 'dark'));
  if (toggle !== null) toggle.textContent = mode === 'dark' ? 'Dark theme: on' : 'Dark theme: off';
  for (const frame of frames.values()) if (frame.themed) sendTo(frame, { kind: 'theme', colorMode: mode });
}

document.getElementById('theme-toggle')?.addEventListener('click', () => {
  const next: ColorMode = colorMode === 'dark' ? 'light' : 'dark';
  setColorMode(next);
  void postJson('/__shell/api/session', { theme: next });
});

const emulatorForm = document.getElementById('emulator-form');
emulatorForm?.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(emulatorForm as HTMLFormElement);
  const status = document.getElementById('emulator-status');
  void postJson('/__shell/api/emulator', { latency: form.get('latency'), fault: form.get('fault') }).then(({ json }) => {
    if (status !== null) status.textContent = json.ok === true ? `Applied: ${String(json.description)}` : `Not applied: ${String((json.error as { message?: string } | undefined)?.message)}`;
  });
});

function bindEditForm(): void {
  const form = document.getElementById('edit-form');
  if (!(form instanceof HTMLFormElement) || page.issue === undefined) return;
  const issueKey = page.issue.key;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const status = document.getElementById('edit-status');
    const fields = Object.fromEntries(new FormData(form).entries());
    void postJson(`/__shell/api/issue/${encodeURIComponent(issueKey)}/fields`, fields).then(({ json }) => {
      if (json.ok === true) {
        // The issue view shows the new values; the apps hear JIRA_ISSUE_CHANGED from the event stream.
        void refreshIssueFields().then(() => {
          document.getElementById('edit-status')?.replaceChildren('Saved.');
        });
      } else {
        // The element as it is now: a refresh meanwhile replaced the one shown when the save began.
        const shown = document.getElementById('edit-status') ?? status;
        if (shown !== null) shown.textContent = (json.error as { message?: string } | undefined)?.message ?? 'Not saved.';
      }
    });
  });
}

// The status control: the transition runs through the app's workflow validators first (handlers/transitions.ts).
function bindStatusControl(): void {
  const form = document.getElementById('status-form');
  if (!(form instanceof HTMLFormElement) || page.issue === undefined) return;
  const issueKey = page.issue.key;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const outcome = document.getElementById('transition-outcome');
    outcome?.replaceChildren('Checking…');
    void postJson(`/__shell/api/issue/${encodeURIComponent(issueKey)}/transition`, Object.fromEntries(new FormData(form).entries())).then(({ json }) => {
      if (json.ok === true) {
        void refreshIssueFields().then(() => document.getElementById('transition-outcome')?.replaceChildren(`Moved to ${String(json.status)}.`));
        return;
      }
      const message = typeof json.message === 'string' ? json.message : ((json.error as { message?: string } | undefined)?.message ?? 'The transition failed.');
      // The element as it is now: a refresh while the validators ran replaced the one that said
      // "Checking…", and words written to that one would never be seen.
      const shown = document.getElementById('transition-outcome') ?? outcome;
      if (shown === null) return;
      shown.className = json.refused === true ? 'transition-outcome transition-refused' : 'transition-outcome';
      shown.replaceChildren(...message.split('\n').map((line) => Object.assign(document.createElement('p'), { textContent: line })));
    });
  });
}

// ---- Jira's front-end event for issue view modules ----
function listenToIssueChanges(): void {
  if (page.issue === undefined) return;
  const source = new EventSource(`/__shell/api/events?issueId=${encodeURIComponent(page.issue.id)}`);
  source.addEventListener('issue-changed', (event) => {
    const payload = JSON.parse((event as MessageEvent<string>).data) as unknown;
    void refreshIssueFields();
    for (const frame of frames.values()) {
      if (!frame.spec.moduleType.startsWith('jira:issue')) continue;
      for (const [subscriptionId, name] of frame.subscriptions) {
        if (name === 'JIRA_ISSUE_CHANGED') sendTo(frame, { kind: 'event', subscriptionId, payload });
      }
    }
  });
}

// ---- the browser's back and forward buttons move a project page's history (view.createHistory) ----
interface FrameHistoryEntry {
  readonly frameId: string;
  readonly location: HistoryLocation;
}

window.addEventListener('popstate', (event: PopStateEvent) => {
  const entry = event.state as Partial<FrameHistoryEntry> | null;
  for (const frame of frames.values()) {
    const base = frame.spec.routeBase;
    if (base === undefined || !window.location.pathname.startsWith(base)) continue;
    // The page's first entry has no state: its location is the URL's.
    const location: HistoryLocation =
      entry?.frameId === frame.spec.frameId && entry.location !== undefined ? entry.location : { pathname: window.location.pathname.slice(base.length) || '/', search: window.location.search, hash: '', state: null, key: 'default' };
    frame.location = location;
    sendTo(frame, { kind: 'history', location });
  }
});

mountFrames();
startGadgetRefresh();
bindEditForm();
bindStatusControl();
listenToIssueChanges();
document.documentElement.dataset.shellReady = 'true';
