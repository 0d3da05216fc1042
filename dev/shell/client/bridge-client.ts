/**
 * Injected by the Jira shell into every app frame before the app's own scripts, as Jira does:
 * it defines `globalThis.__bridge.callBridge(name, args)`, the one function the unmodified
 * @forge/bridge talks to. Calls travel to the shell page over a MessagePort; callbacks (events),
 * the history object and theming live here, in the frame, since functions cannot cross frames.
 *
 * Compiled on its own as a classic script: no imports but types.
 */
import type { ClientMessage, HelloMessage, HistoryLocation, HostMessage, PortMessage, ThemeInfo } from './protocol';

(() => {
  interface Pending {
    readonly resolve: (value: unknown) => void;
    readonly reject: (error: Error) => void;
  }

  const pending = new Map<number, Pending>();
  const subscriptions = new Map<string, (payload: unknown) => unknown>();
  const queue: ClientMessage[] = [];
  let port: MessagePort | undefined;
  let nextId = 1;

  function send(message: ClientMessage): void {
    if (port === undefined) queue.push(message);
    else port.postMessage(message);
  }

  function call(name: string, args?: unknown): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      try {
        send({ kind: 'call', id, name, args });
      } catch (error: unknown) {
        // Only plain data crosses to the host (functions and class instances do not), and the
        // browser's copy (structured clone) recurses, so a payload thousands of levels deep fails too.
        pending.delete(id);
        reject(new Error(`The bridge cannot send ${name}: its payload cannot be copied out of the frame (nested too deeply, or not plain data): ${error instanceof Error ? error.message : String(error)}`));
      }
    });
  }

  // ---- theming: the host says which mode; the tokens' CSS is linked here, as Jira does it ----
  let themeLinked = false;
  function applyTheme(theme: ThemeInfo): void {
    const root = document.documentElement;
    if (!themeLinked) {
      themeLinked = true;
      for (const href of theme.cssUrls) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        document.head.prepend(link);
      }
    }
    root.setAttribute('data-theme', theme.dataTheme);
    root.setAttribute('data-color-mode', theme.colorMode);
  }

  // ---- view.createHistory: a history (v4 API) kept in the frame; the host is told of each move ----
  type Listener = (location: HistoryLocation, action: string) => void;
  function toLocation(to: unknown, state: unknown): HistoryLocation {
    const key = Math.random().toString(36).slice(2, 8);
    if (typeof to === 'string') {
      const url = new URL(to, 'http://frame.invalid/');
      return { pathname: url.pathname, search: url.search, hash: url.hash, state: state ?? null, key };
    }
    const path = (typeof to === 'object' && to !== null ? to : {}) as Partial<HistoryLocation>;
    return { pathname: path.pathname ?? '/', search: path.search ?? '', hash: path.hash ?? '', state: path.state ?? state ?? null, key };
  }
  /** Set by createHistory: the browser's back and forward buttons move the app's history (as in Jira). */
  let browserMoved: ((location: HistoryLocation) => void) | undefined;
  function createHistory(initial: HistoryLocation): unknown {
    const entries: HistoryLocation[] = [initial];
    let index = 0;
    const listeners = new Set<Listener>();
    const history = {
      action: 'POP',
      location: initial,
      get length() {
        return entries.length;
      },
      push(to: unknown, state?: unknown) {
        entries.splice(index + 1, entries.length, toLocation(to, state));
        index = entries.length - 1;
        moved('PUSH');
      },
      replace(to: unknown, state?: unknown) {
        entries[index] = toLocation(to, state);
        moved('REPLACE');
      },
      // Jira's history is the browser's: going back is the browser going back, heard as a POP.
      go(delta: number) {
        call('historyGo', { delta }).catch(() => undefined);
      },
      goBack() {
        history.go(-1);
      },
      goForward() {
        history.go(1);
      },
      back() {
        history.go(-1);
      },
      forward() {
        history.go(1);
      },
      block() {
        return () => undefined;
      },
      createHref(to: unknown) {
        const location = toLocation(to, null);
        return `${location.pathname}${location.search}${location.hash}`;
      },
      listen(listener: Listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    function tell(location: HistoryLocation, action: string): void {
      history.action = action;
      history.location = location;
      for (const listener of [...listeners]) listener(location, action);
    }
    function moved(action: string): void {
      const location = entries[index] ?? initial;
      tell(location, action);
      call('historyUpdated', { location, action }).catch(() => undefined);
    }
    browserMoved = (location) => {
      const known = entries.findIndex((entry) => entry.key === location.key);
      if (known >= 0) index = known;
      else entries[index] = location;
      tell(location, 'POP');
    };
    return history;
  }

  function callBridge(name: string, args?: unknown): Promise<unknown> {
    switch (name) {
      case 'on':
      case 'onPublic': {
        const { event, callback } = (args ?? {}) as { event?: unknown; callback?: unknown };
        if (typeof event !== 'string' || typeof callback !== 'function') return Promise.reject(new Error(`${name} needs an event name and a callback.`));
        const subscriptionId = `s${nextId++}`;
        subscriptions.set(subscriptionId, callback as (payload: unknown) => unknown);
        return call(name, { event, subscriptionId }).then(() => ({
          unsubscribe: () => {
            subscriptions.delete(subscriptionId);
            call('off', { subscriptionId }).catch(() => undefined);
          },
        }));
      }
      case 'createHistory':
        return call('createHistory').then((location) => createHistory(location as HistoryLocation));
      case 'enableTheming':
        return call('enableTheming').then((theme) => {
          applyTheme(theme as ThemeInfo);
          return undefined;
        });
      default:
        return call(name, args);
    }
  }

  function onHostMessage(event: MessageEvent<HostMessage>): void {
    const message = event.data;
    switch (message.kind) {
      case 'reply': {
        const waiting = pending.get(message.id);
        if (waiting === undefined) return;
        pending.delete(message.id);
        if (message.ok) {
          waiting.resolve(message.value);
        } else {
          const error = new Error(message.error.message);
          error.name = message.error.name;
          waiting.reject(error);
        }
        return;
      }
      case 'event': {
        const callback = subscriptions.get(message.subscriptionId);
        if (callback !== undefined) {
          try {
            void callback(message.payload);
          } catch (error: unknown) {
            console.error('An event handler of the app failed', error);
          }
        }
        return;
      }
      case 'theme':
        if (themeLinked) document.documentElement.setAttribute('data-color-mode', message.colorMode);
        return;
      case 'history':
        browserMoved?.(message.location);
        return;
    }
  }

  // ---- the handshake: hello to the parent until it hands over a port ----
  let attempts = 0;
  // This document's session: the host answers it once, however many times it is said.
  const session = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const hello = (): void => {
    window.parent.postMessage({ kind: 'forge-shell:hello', frameId: window.name, session } satisfies HelloMessage, location.origin);
  };
  const retry = setInterval(() => {
    if (port !== undefined || ++attempts > 100) clearInterval(retry);
    else hello();
  }, 100);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<PortMessage> | null;
    if (event.source !== window.parent || port !== undefined || data?.kind !== 'forge-shell:port' || data.session !== session) return;
    const [received] = event.ports;
    if (received === undefined) return;
    port = received;
    port.onmessage = onHostMessage;
    clearInterval(retry);
    for (const message of queue.splice(0)) port.postMessage(message);
  });
  hello();

  // Jira sizes the frame to its content (Forge uses iframe-resizer); so does the shell. html and
  // body are often 100% high (css-reset), so the content is measured: the lowest child of body.
  let lastHeight = -1;
  const measure = (): void => {
    const body = document.body as HTMLElement | null;
    if (body === null) return;
    let bottom = 0;
    for (const child of Array.from(body.children)) {
      if (child.tagName === 'SCRIPT') continue;
      const margin = parseFloat(getComputedStyle(child).marginBottom) || 0;
      bottom = Math.max(bottom, child.getBoundingClientRect().bottom + margin);
    }
    const height = Math.ceil(bottom + window.scrollY);
    if (height === lastHeight) return;
    lastHeight = height;
    send({ kind: 'resize', height });
  };
  const resizes = new ResizeObserver(measure);
  const watchBody = (): void => {
    for (const child of Array.from(document.body.children)) resizes.observe(child);
    new MutationObserver(() => {
      for (const child of Array.from(document.body.children)) resizes.observe(child);
      measure();
    }).observe(document.body, { childList: true });
    measure();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchBody);
  else watchBody();

  Object.defineProperty(globalThis, '__bridge', { value: Object.freeze({ callBridge }), writable: false, configurable: false, enumerable: false });
})();
