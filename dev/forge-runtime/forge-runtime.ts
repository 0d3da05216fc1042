/**
 * The local Forge runtime: loads the app's functions by the manifest's keys, runs each invocation
 * with Forge's arguments, identity and limits, and serves the platform calls the unmodified
 * @forge/api, @forge/kvs, @forge/events and @forge/resolver make (see forge-fetch).
 *
 * Over 400 lines because LocalForgeRuntime is one invocation's life (identity, limits, platform calls, result) over shared state; the parts that stand alone (fetch, delivery, handler loading, errors) already live apart.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { localClock } from './clock';
import { Scheduler } from './delivery';
import { failure } from './errors';
import type { InvocationResult } from './errors';
import { createPlatformFetch, installForgeGlobals } from './forge-fetch';
import { HandlerLoader, HandlerNotFoundError } from './handler-loader';
import type { ForgeFunction } from './handler-loader';
import { newInvocationId, runInInvocation } from './invocation-context';
import type { ForgeRuntimeGlobal, Invocation, PlatformFetch } from './invocation-context';
import { createJiraFetch } from './jira-proxy';
import { KvsService } from './kvs-service';
import { CONSUMER_DEFAULT_TIMEOUT_SECONDS, JSON_MAX_DEPTH, jsonByteLength, jsonDepthExceeds, resolveLimits } from './limits';
import type { ForgeLimits, ForgeLimitsInput } from './limits';
import { loadManifest } from './manifest';
import type { FunctionDefinition, RuntimeManifest } from './manifest';
import { PrivacyService } from './privacy';
import type { PrivacyOptions } from './privacy';
import { QueueService } from './queue';
import type { QueueStats } from './queue';
import { TriggerDispatcher } from './triggers';
import type { JiraChange, JiraChangeSource, TriggerDelivery } from './triggers';

/** The Jira site and app installation the runtime pretends to run in. */
export interface SiteIdentity {
  readonly cloudId: string;
  readonly siteUrl: string;
  readonly installationId: string;
  readonly environmentId: string;
  readonly environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  readonly appVersion: string;
}

/** The user in the browser: who a resolver acts for. */
export interface InvokingUser {
  readonly accountId: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly accountType?: 'licensed' | 'unlicensed' | 'customer' | 'anonymous';
}

/** `context.extension` beyond its `type`: the issue or project in view, as the host page knows them. */
export interface ResolverExtension {
  readonly issue?: { readonly id: string; readonly key: string; readonly type: string };
  readonly project?: { readonly id: string; readonly key: string; readonly type: string };
  readonly [field: string]: unknown;
}

/**
 * What the user has open when they talk to Rovo: Rovo adds it to an action's payload as
 * `context.jira` (Forge's manifest reference, "Rovo action": `url`, `resourceType`, `issueKey`,
 * `issueId`, `issueType`, `issueTypeId`, `projectKey`, `projectId`). Absent in a chat opened elsewhere.
 */
export interface RovoJiraContext {
  readonly issue?: { readonly id: string; readonly key: string; readonly type?: string; readonly typeId?: string };
  readonly project?: { readonly id: string; readonly key: string };
}

export interface InvokeRequest {
  /** The function's first argument (for a resolver function: `{call: {functionKey, payload}, context}`). */
  readonly payload: unknown;
  /** The second argument's caller-given part: `principal.accountId` is the user the invocation acts for. */
  readonly context?: { readonly principal?: { readonly accountId: string } };
  readonly moduleKey?: string;
}

export interface RuntimeLogger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface ForgeRuntimeOptions {
  readonly manifestPath: string;
  /** Where src/ (the handlers) lives; defaults to the manifest's folder. */
  readonly appRoot?: string;
  /**
   * Run the handlers from this folder of the deploy bundle (`index.cjs`, as Atlassian's bundler
   * built it: dev/forge-checks/package-app.ts) instead of the TypeScript sources in src/.
   */
  readonly bundleDir?: string;
  /** The Jira (emulator) that requestJira reaches. */
  readonly jiraBaseUrl: string;
  /** Folder of the KVS file; defaults to `<appRoot>/.data`. */
  readonly dataDir?: string;
  /** Keep the KVS in memory only (nothing read or written on disk). */
  readonly memory?: boolean;
  readonly limits?: ForgeLimitsInput;
  readonly site?: Partial<SiteIdentity>;
  /** Subscribed at start: product events for the triggers (the emulator's state). */
  readonly jiraEvents?: JiraChangeSource;
  /** `context.license`; Forge gives none in development. */
  readonly license?: unknown;
  readonly logger?: RuntimeLogger;
  /** Clock of the KVS (TTL, createdAt/updatedAt). */
  readonly now?: () => number;
  /** The accounts Atlassian's personal data reporting answers `closed` or `updated` for. */
  readonly privacy?: PrivacyOptions;
}

export interface ForgeRuntime {
  readonly manifest: RuntimeManifest;
  readonly site: SiteIdentity;
  readonly limits: ForgeLimits;
  /** The KVS file, or undefined in memory mode. */
  readonly kvsFile: string | undefined;
  /** Runs a manifest function with a Forge-shaped first argument. Never rejects: errors come back as results. */
  invoke(functionKey: string, request: InvokeRequest): Promise<InvocationResult>;
  /** What the browser's `invoke(key, payload)` does in the UI module `moduleKey`, as `user`. */
  invokeResolver(moduleKey: string, resolverKey: string, payload: unknown, user: InvokingUser, extension?: ResolverExtension): Promise<InvocationResult>;
  /**
   * What Rovo does when its agent calls the `action` module `actionKey` for `user`: the action's
   * function runs as that user with Forge's action payload, the inputs the model extracted beside
   * `context: { cloudId, moduleKey, jira }` (what the user has open). Inputs are passed as given,
   * missing or not, so a test can send what a model might.
   */
  invokeAction(actionKey: string, inputs: Readonly<Record<string, unknown>>, user: InvokingUser, open?: RovoJiraContext): Promise<InvocationResult>;
  /** Delivers a product event to the subscribed triggers; resolves when every delivery (and retry) settled. */
  fireTrigger(change: JiraChange): Promise<TriggerDelivery[]>;
  /**
   * Runs a `scheduledTrigger` module's function now, with the event Forge sends it (no clock runs
   * them here). With `at`, first waits until nothing runs, then sets the local clock (clock.ts: the
   * app's, the emulator's and the KVS's time) to `at`, so the trigger fires "at" that time.
   */
  fireScheduledTrigger(moduleKey: string, options?: { readonly at?: Date | number }): Promise<InvocationResult>;
  /** Atlassian's personal data reporting: which accounts are closed, and what the app reported. */
  readonly privacy: PrivacyService;
  /** Subscribes the triggers to a change source; returns the unsubscribe function. */
  attachJiraEvents(source: JiraChangeSource): () => void;
  /** Runs `fn` as code inside an invocation (no time limit): seeding data, tests. */
  runAs<T>(who: InvokingUser | 'app', fn: () => Promise<T>): Promise<T>;
  queueStats(): QueueStats;
  /** Resolves when no queue event or trigger delivery is waiting or running. */
  whenIdle(): Promise<void>;
  /**
   * Imports every handler the manifest names, as a deploy bundles them, so the first user action
   * does not pay for loading (and transpiling) the app. A handler that fails to load is reported
   * by the invocation that needs it, as before.
   */
  preload(): Promise<void>;
  /** Stops deliveries, waits for running ones, flushes the KVS file. */
  close(): Promise<void>;
}

const DEFAULT_SITE: SiteIdentity = {
  cloudId: '6a1d7c36-0b8e-4c55-9d9a-1f2e3d4c5b6a',
  siteUrl: 'http://localhost',
  installationId: '0d2b6f9e-7a41-4f3c-8e5d-2c1b0a9f8e7d',
  environmentId: 'a3c5e7f9-1b2d-4e6f-8a0c-d2e4f6a8b0c2',
  environmentType: 'DEVELOPMENT',
  appVersion: '1.0.0',
};

const NO_METRICS = {
  counter: () => ({ incr: () => undefined, incrBy: () => undefined, decr: () => undefined, decrBy: () => undefined }),
  timing: () => ({ measure: () => ({ stop: () => undefined }) }),
  gauge: () => ({ set: () => undefined }),
};

export async function createForgeRuntime(options: ForgeRuntimeOptions): Promise<ForgeRuntime> {
  const manifestPath = resolve(options.manifestPath);
  const manifest = await loadManifest(manifestPath);
  const appRoot = resolve(options.appRoot ?? dirname(manifestPath));
  const kvs = await KvsService.open(options.memory === true ? undefined : resolve(options.dataDir ?? join(appRoot, '.data')), options.now ?? (() => Date.now()));
  installForgeGlobals();
  return new LocalForgeRuntime(manifest, appRoot, kvs, options);
}

class LocalForgeRuntime implements ForgeRuntime {
  readonly site: SiteIdentity;
  readonly limits: ForgeLimits;
  private readonly contextAri: string;
  private readonly loader: HandlerLoader;
  private readonly scheduler: Scheduler;
  private readonly queue: QueueService;
  private readonly triggers: TriggerDispatcher;
  private readonly platformFetch: PlatformFetch;
  readonly privacy: PrivacyService;
  private readonly logger: RuntimeLogger;
  private readonly detachers = new Set<() => void>();
  private closed = false;

  constructor(
    readonly manifest: RuntimeManifest,
    private readonly appRoot: string,
    private readonly kvs: KvsService,
    private readonly options: ForgeRuntimeOptions,
  ) {
    this.site = { ...DEFAULT_SITE, siteUrl: options.jiraBaseUrl, ...options.site };
    this.limits = resolveLimits(options.limits);
    this.contextAri = `ari:cloud:jira::site/${this.site.cloudId}`;
    this.logger = options.logger ?? {
      warn: (message) => {
        console.warn(message);
      },
      error: (message, error) => {
        console.error(message, error);
      },
    };
    this.loader = new HandlerLoader(
      options.bundleDir === undefined ? { kind: 'sources', dir: join(appRoot, 'src') } : { kind: 'bundle', dir: resolve(options.bundleDir) },
    );
    this.scheduler = new Scheduler(this.limits.delivery);
    this.queue = new QueueService(
      manifest.consumers,
      (consumer, event) => this.runFunction(consumer.functionKey, event, { moduleKey: consumer.key }),
      this.scheduler,
      this.logger,
    );
    this.triggers = new TriggerDispatcher(
      manifest.triggers,
      this.site.cloudId,
      (trigger, event) => this.runFunction(trigger.functionKey, event, { moduleKey: trigger.key }),
      this.scheduler,
      this.logger,
    );
    this.privacy = new PrivacyService(options.privacy);
    this.platformFetch = createPlatformFetch({ kvs, jira: createJiraFetch(options.jiraBaseUrl), queue: this.queue, privacy: this.privacy });
    for (const trigger of manifest.triggers) {
      if (trigger.expression !== undefined) {
        this.logger.warn(`forge-runtime: trigger "${trigger.key}" has a filter expression, which the local runtime does not evaluate: it gets every event.`);
      }
    }
    if (options.jiraEvents !== undefined) this.attachJiraEvents(options.jiraEvents);
  }

  get kvsFile(): string | undefined {
    return this.kvs.filePath;
  }

  async invoke(functionKey: string, request: InvokeRequest): Promise<InvocationResult> {
    const refused = this.refuse(functionKey, request.payload);
    if (refused !== undefined) return refused;
    return this.runFunction(functionKey, request.payload, {
      accountId: request.context?.principal?.accountId,
      moduleKey: request.moduleKey,
      maxResponseBytes: this.limits.invokeResponseBytes,
    });
  }

  async invokeResolver(moduleKey: string, resolverKey: string, payload: unknown, user: InvokingUser, extension: ResolverExtension = {}): Promise<InvocationResult> {
    const module = this.manifest.uiModules.get(moduleKey);
    if (module === undefined) {
      const known = [...this.manifest.uiModules.keys()];
      return failure('MODULE_NOT_FOUND', `The manifest has no UI module "${moduleKey}" with a resolver${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}.`);
    }
    const refused = this.refuse(module.functionKey, payload);
    if (refused !== undefined) return refused;
    const context = {
      accountId: user.accountId,
      accountType: user.accountType ?? 'licensed',
      cloudId: this.site.cloudId,
      siteUrl: this.site.siteUrl,
      moduleKey,
      localId: `ari:cloud:ecosystem::extension/${this.manifest.appId}/${this.site.environmentId}/static/${moduleKey}`,
      environmentId: this.site.environmentId,
      environmentType: this.site.environmentType,
      installContext: this.contextAri,
      extension: { ...extension, type: module.type },
      timezone: user.timezone ?? 'UTC',
      locale: user.locale ?? 'en-US',
      ...(this.options.license === undefined ? {} : { license: this.options.license }),
    };
    return this.runFunction(module.functionKey, { call: { functionKey: resolverKey, payload }, context }, {
      accountId: user.accountId,
      moduleKey,
      maxResponseBytes: this.limits.invokeResponseBytes,
    });
  }

  async invokeAction(actionKey: string, inputs: Readonly<Record<string, unknown>>, user: InvokingUser, open: RovoJiraContext = {}): Promise<InvocationResult> {
    const action = this.manifest.actions.get(actionKey);
    if (action === undefined) {
      const known = [...this.manifest.actions.keys()];
      return failure('MODULE_NOT_FOUND', `The manifest has no action "${actionKey}" backed by a function${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}.`);
    }
    const { issue, project } = open;
    const jira = {
      url: issue === undefined ? (project === undefined ? this.site.siteUrl : `${this.site.siteUrl}/jira/software/projects/${project.key}`) : `${this.site.siteUrl}/browse/${issue.key}`,
      resourceType: issue === undefined ? (project === undefined ? 'site' : 'project') : 'issue',
      ...(issue === undefined ? {} : { issueKey: issue.key, issueId: issue.id, ...(issue.type === undefined ? {} : { issueType: issue.type }), ...(issue.typeId === undefined ? {} : { issueTypeId: issue.typeId }) }),
      ...(project === undefined ? {} : { projectKey: project.key, projectId: project.id }),
    };
    const payload = { ...inputs, context: { cloudId: this.site.cloudId, moduleKey: actionKey, ...(issue === undefined && project === undefined ? {} : { jira }) } };
    return this.invoke(action.functionKey, { payload, context: { principal: { accountId: user.accountId } }, moduleKey: actionKey });
  }

  fireTrigger(change: JiraChange): Promise<TriggerDelivery[]> {
    return this.triggers.dispatch(JSON.parse(JSON.stringify(change)) as JiraChange);
  }

  async fireScheduledTrigger(moduleKey: string, options: { readonly at?: Date | number } = {}): Promise<InvocationResult> {
    const trigger = this.manifest.scheduledTriggers.find((candidate) => candidate.key === moduleKey);
    if (trigger === undefined) {
      const known = this.manifest.scheduledTriggers.map((candidate) => candidate.key);
      return failure('MODULE_NOT_FOUND', `The manifest has no scheduledTrigger "${moduleKey}"${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}.`);
    }
    if (options.at !== undefined) {
      // A running invocation measures its time left on this clock: move it only when none runs.
      await this.whenIdle();
      localClock.setTo(options.at);
    }
    // What Forge sends a scheduled trigger's function: the site and the module, no user.
    const event = { context: { cloudId: this.site.cloudId, moduleKey }, contextToken: 'local-forge-runtime' };
    return this.runFunction(trigger.functionKey, event, { moduleKey });
  }

  attachJiraEvents(source: JiraChangeSource): () => void {
    const detach = this.triggers.attach(source);
    this.detachers.add(detach);
    return () => {
      this.detachers.delete(detach);
      detach();
    };
  }

  runAs<T>(who: InvokingUser | 'app', fn: () => Promise<T>): Promise<T> {
    const invocation = this.newInvocation(undefined, { accountId: who === 'app' ? undefined : who.accountId, moduleKey: undefined }, Infinity);
    return runInInvocation(invocation, fn);
  }

  queueStats(): QueueStats {
    return this.queue.snapshot();
  }

  async preload(): Promise<void> {
    await Promise.allSettled([...this.manifest.functions.values()].map((definition) => this.loader.load(definition)));
  }

  whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const detach of this.detachers) detach();
    this.detachers.clear();
    this.scheduler.close();
    await this.scheduler.whenIdle();
    await this.kvs.close();
  }

  // ---- running one invocation ----

  /** Requests Forge refuses before running anything. */
  private refuse(functionKey: string, payload: unknown): InvocationResult | undefined {
    if (this.closed) return failure('RUNTIME_CLOSED', 'The local Forge runtime has been closed.');
    if (!this.manifest.functions.has(functionKey)) {
      return failure('FUNCTION_NOT_FOUND', `The manifest declares no function "${functionKey}" (it has: ${[...this.manifest.functions.keys()].join(', ')}).`);
    }
    // Depth first, without recursion: a payload nested 10,000 levels deep would overflow the
    // stack of the size check itself (JSON.stringify), and the caller would get a crash, not words.
    if (jsonDepthExceeds(payload, JSON_MAX_DEPTH)) {
      return failure(
        'PAYLOAD_TOO_DEEP',
        `The request payload is nested more than ${JSON_MAX_DEPTH.toLocaleString('en-US')} levels deep; the function was not called. Send flatter data.`,
      );
    }
    const bytes = jsonByteLength(payload);
    if (bytes > this.limits.invokePayloadBytes) {
      return failure('PAYLOAD_TOO_LARGE', `The request payload is ${bytes} bytes; Forge accepts at most ${this.limits.invokePayloadBytes} bytes (500 KB).`);
    }
    return undefined;
  }

  private async runFunction(
    functionKey: string,
    event: unknown,
    call: { readonly accountId?: string | undefined; readonly moduleKey: string | undefined; readonly maxResponseBytes?: number },
  ): Promise<InvocationResult> {
    if (this.closed) return failure('RUNTIME_CLOSED', 'The local Forge runtime has been closed.');
    const definition = this.manifest.functions.get(functionKey);
    if (definition === undefined) return failure('FUNCTION_NOT_FOUND', `The manifest declares no function "${functionKey}".`);
    let handler: ForgeFunction;
    try {
      handler = await this.loader.load(definition);
    } catch (error) {
      if (error instanceof HandlerNotFoundError) return failure('HANDLER_NOT_FOUND', error.message);
      this.logger.error(`forge-runtime: loading the handler "${definition.handler}" failed`, error);
      return failure('FUNCTION_ERR', `Loading the handler "${definition.handler}" failed: ${messageOf(error)}`, nameOf(error));
    }

    const timeoutMs = this.timeoutOf(definition);
    const invocation = this.newInvocation(definition.key, { accountId: call.accountId, moduleKey: call.moduleKey }, Date.now() + timeoutMs);
    const functionContext = {
      installContext: this.contextAri,
      ...(call.accountId === undefined ? {} : { principal: { accountId: call.accountId } }),
      ...(this.options.license === undefined ? {} : { license: this.options.license }),
      installation: this.installation(),
    };
    // The handler runs inside the invocation's context; a synchronous throw becomes a rejection.
    const running = runInInvocation(invocation, () => Promise.resolve().then(() => handler(event, functionContext)));
    const TIMED_OUT = Symbol('timed out');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolveTimeout) => {
      timer = setTimeout(() => {
        resolveTimeout(TIMED_OUT);
      }, timeoutMs);
    });
    try {
      const outcome = await Promise.race([running.then((value) => ({ value }), (error: unknown) => ({ error })), deadline]);
      if (outcome === TIMED_OUT) {
        // Forge stops the function here; this process cannot, so it cuts the function off the platform instead.
        invocation.ended = true;
        return failure('FUNCTION_TIME_OUT', `The function "${definition.key}" did not finish within ${timeoutMs / 1000} s and was stopped, as Forge does.`);
      }
      if ('error' in outcome) {
        this.logger.error(`forge-runtime: function "${definition.key}" failed`, outcome.error);
        return failure('FUNCTION_ERR', messageOf(outcome.error), nameOf(outcome.error));
      }
      return asJsonBody(outcome.value, call.maxResponseBytes);
    } finally {
      clearTimeout(timer);
    }
  }

  private timeoutOf(definition: FunctionDefinition): number {
    const isConsumer = this.manifest.consumers.some((c) => c.functionKey === definition.key);
    if (!isConsumer) return this.limits.invocationTimeoutMs;
    return this.limits.consumerTimeoutMs ?? (definition.timeoutSeconds ?? CONSUMER_DEFAULT_TIMEOUT_SECONDS) * 1000;
  }

  private newInvocation(functionKey: string | undefined, who: { accountId: string | undefined; moduleKey: string | undefined }, deadline: number): Invocation {
    const id = newInvocationId();
    const runtimeGlobal: ForgeRuntimeGlobal = {
      appContext: {
        appId: this.manifest.appId,
        appVersion: this.site.appVersion,
        environmentId: this.site.environmentId,
        environmentType: this.site.environmentType,
        invocationId: id,
        installationId: this.site.installationId,
        moduleKey: who.moduleKey,
        functionKey,
        license: this.options.license,
        installation: this.installation(),
        permissions: { scopes: this.manifest.scopes, external: {} },
      },
      contextAri: this.contextAri,
      aaid: who.accountId,
      proxy: { token: 'local-forge-runtime', url: 'http://forge-runtime.invalid' },
      tracing: { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') },
      lambdaContext: { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) },
      metrics: NO_METRICS,
      container: { appCodeDir: this.appRoot },
    };
    return { id, accountId: who.accountId, functionKey, moduleKey: who.moduleKey, deadline, fetch: this.platformFetch, runtimeGlobal, ended: false };
  }

  private installation(): unknown {
    const { installationId, cloudId } = this.site;
    const contextAri = this.contextAri;
    return {
      ari: { installationId, toString: () => `ari:cloud:ecosystem::installation/${installationId}` },
      contexts: [{ cloudId, toString: () => contextAri }],
    };
  }
}

/** Results pass through JSON, as in Forge: Dates become strings, undefined disappears. */
function asJsonBody(value: unknown, maxBytes: number | undefined): InvocationResult {
  if (jsonDepthExceeds(value, JSON_MAX_DEPTH)) {
    return failure('FUNCTION_ERR', `The function's result is nested more than ${JSON_MAX_DEPTH.toLocaleString('en-US')} levels deep and cannot be sent as JSON.`);
  }
  let serialised: unknown;
  try {
    serialised = JSON.stringify(value);
  } catch (error) {
    return failure('FUNCTION_ERR', `The function's result cannot be sent as JSON: ${messageOf(error)}`);
  }
  // undefined (and functions) have no JSON: the caller gets no body.
  if (typeof serialised !== 'string') return { success: true, body: undefined };
  const text = serialised;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (maxBytes !== undefined && bytes > maxBytes) {
    return failure('RESPONSE_TOO_LARGE', `The function's response is ${bytes} bytes; Forge returns at most ${maxBytes} bytes (5 MB) to the browser.`);
  }
  return { success: true, body: JSON.parse(text) as unknown };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
