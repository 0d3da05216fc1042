/**
 * The messages between the bridge inside an app's frame (bridge-client.ts) and the shell page
 * that hosts it (shell-host.ts). The frame says hello with `window.parent.postMessage`; the host
 * answers with a MessagePort, and everything else goes over that port.
 */

export interface HelloMessage {
  readonly kind: 'forge-shell:hello';
  readonly frameId: string;
  /**
   * One per document loaded in the frame: the frame says hello again until a port arrives, and a
   * repeated hello of the same document must not replace the port already on its way.
   */
  readonly session: string;
}

export interface PortMessage {
  readonly kind: 'forge-shell:port';
  /** The hello's session this port answers. */
  readonly session: string;
}

export interface WireError {
  readonly name: string;
  readonly message: string;
}

/** Frame → host. */
export type ClientMessage =
  | { readonly kind: 'call'; readonly id: number; readonly name: string; readonly args: unknown }
  | { readonly kind: 'resize'; readonly height: number };

/** Host → frame. */
export type HostMessage =
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: WireError }
  | { readonly kind: 'event'; readonly subscriptionId: string; readonly payload: unknown }
  | { readonly kind: 'theme'; readonly colorMode: ColorMode }
  /** The browser moved back or forward to an entry of the frame's history (view.createHistory's POP). */
  | { readonly kind: 'history'; readonly location: HistoryLocation };

export type ColorMode = 'light' | 'dark';

/** What `enableTheming` answers: where the tokens' CSS is and how to switch it on. */
export interface ThemeInfo {
  readonly colorMode: ColorMode;
  readonly dataTheme: string;
  readonly cssUrls: readonly string[];
}

/** A history location (history v4, the shape @forge/bridge's createHistory uses). */
export interface HistoryLocation {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly state: unknown;
  readonly key: string;
}

/** What the shell page embeds for its script (`<script type="application/json" id="shell-data">`). */
export interface ShellPageData {
  readonly user: { readonly accountId: string; readonly locale: string; readonly timezone: string };
  readonly site: { readonly cloudId: string; readonly siteUrl: string; readonly environmentId: string; readonly environmentType: string; readonly appId: string };
  readonly scopes: readonly string[];
  readonly theme: ThemeInfo;
  /** The issue in view, when the page is an issue view. */
  readonly issue?: { readonly id: string; readonly key: string };
}

/** What each `.forge-frame` placeholder carries (`data-frame`): one app module to mount. */
export interface FrameSpec {
  readonly frameId: string;
  readonly moduleKey: string;
  readonly moduleType: string;
  readonly title: string;
  readonly resourceUrl: string;
  readonly extension: Readonly<Record<string, unknown>>;
  /** A project page's sub-route (view.createHistory), from the page URL; '/' when absent. */
  readonly routeBase?: string;
  readonly initialPath?: string;
}
