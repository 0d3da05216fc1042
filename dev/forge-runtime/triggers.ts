/**
 * Product events → the manifest's triggers. The Jira emulator reports each issue or link change to
 * its listeners; this turns the change into Forge's event payload (`{eventType, issue, atlassianId,
 * changelog, context: {cloudId, moduleKey}}`; link events flattened to `{id, sourceIssueId,
 * destinationIssueId, issueLinkType}`) and delivers it, after the emulator's own request has
 * finished, to every trigger subscribed to that event type, with Forge's retry rules.
 */
import { deliver } from './delivery';
import type { DeliveryReport, RetryContext, Scheduler } from './delivery';
import type { InvocationResult } from './errors';
import type { TriggerDefinition } from './manifest';

/** A change as a Jira (emulator) reports it: Forge's event fields, `atlassianId` absent for the app's own edits. */
export interface JiraChange {
  readonly eventType: string;
  readonly atlassianId?: string;
  readonly [field: string]: unknown;
}

/** What the dispatcher subscribes to; the emulator's state satisfies it with `onChange`. */
export interface JiraChangeSource {
  onChange(listener: (change: JiraChange) => void): () => void;
}

export type TriggerInvoker = (trigger: TriggerDefinition, event: Record<string, unknown>) => Promise<InvocationResult>;

export interface TriggerDelivery extends DeliveryReport {
  readonly triggerKey: string;
}

export interface TriggerLogger {
  error(message: string, error?: unknown): void;
}

export class TriggerDispatcher {
  constructor(
    private readonly triggers: readonly TriggerDefinition[],
    private readonly cloudId: string,
    private readonly invokeTrigger: TriggerInvoker,
    private readonly scheduler: Scheduler,
    private readonly logger: TriggerLogger,
  ) {}

  /** Subscribes to a source; returns the unsubscribe function. */
  attach(source: JiraChangeSource): () => void {
    return source.onChange((change) => {
      // The emulator calls listeners inside its request: copy now, deliver later, never throw back.
      const copy = JSON.parse(JSON.stringify(change)) as JiraChange;
      this.dispatch(copy).catch((error: unknown) => {
        this.logger.error('forge-runtime: trigger dispatch failed', error);
      });
    });
  }

  /** Delivers one change to every matching trigger; resolves when each delivery has settled. */
  dispatch(change: JiraChange): Promise<TriggerDelivery[]> {
    const matching = this.triggers.filter((t) => t.events.includes(change.eventType) && !(t.ignoreSelf && change.atlassianId === undefined));
    const work = (async () => {
      // Forge delivers product events asynchronously, never inside the request that caused them.
      await new Promise((resolve) => setImmediate(resolve));
      return Promise.all(
        matching.map(async (trigger) => {
          const event = triggerEvent(change, trigger.key, this.cloudId);
          const report = await deliver(this.scheduler, {
            attempt: (retryContext: RetryContext | undefined) => this.invokeTrigger(trigger, retryContext === undefined ? event : { ...event, retryContext }),
            retryThrownErrors: false,
          });
          return { triggerKey: trigger.key, ...report };
        }),
      );
    })();
    return this.scheduler.track(work);
  }
}

export function triggerEvent(change: JiraChange, moduleKey: string, cloudId: string): Record<string, unknown> {
  const { issueLink, ...rest } = change;
  // Forge's link events carry the link's fields at the top level.
  const fields = typeof issueLink === 'object' && issueLink !== null ? { ...rest, ...(issueLink as Record<string, unknown>) } : rest;
  return { ...fields, context: { cloudId, moduleKey }, contextToken: 'local-forge-runtime' };
}
