/**
 * Jira in its own thread, for the benches at scale: the Jira emulator, loaded with a scale dataset,
 * runs in a worker thread (its own V8 heap and garbage collector), as Jira runs on Atlassian's
 * servers and not inside the app's function. In the same thread, the emulator's 100,000 issues
 * (about 1 GB of heap) made every garbage collection of the app's invocations slower, and its CPU
 * (serving searches) was counted as the app's. The app reaches it over HTTP as before (the runtime's
 * `jiraBaseUrl`); the bench steers it (latency, call counters) through messages.
 */
import { Worker } from 'node:worker_threads';
import type { ScaleOptions } from '../dev/demo-data/generate-scale';

export interface RemoteJira {
  readonly url: string;
  readonly issueCount: number;
  setLatency(ms: number): Promise<void>;
  resetCalls(): Promise<void>;
  /** Calls so far per endpoint, keyed `METHOD /path/{template}` (a snapshot). */
  calls(): Promise<Readonly<Record<string, number>>>;
  close(): Promise<void>;
}

/** What the worker answers to a request. */
export interface RemoteReply {
  readonly id: number;
  readonly value?: unknown;
  readonly error?: string;
}

export type RemoteOp = { readonly op: 'setLatency'; readonly ms: number } | { readonly op: 'resetCalls' } | { readonly op: 'calls' } | { readonly op: 'close' };
export type RemoteRequest = RemoteOp & { readonly id: number };

export async function startRemoteJira(options: ScaleOptions): Promise<RemoteJira> {
  // The worker runs TypeScript through tsx, as this process does; a worker does not inherit the
  // module hooks tsx registered here, so it registers them itself before importing its module.
  const entry = new URL('./remote-jira-worker.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`, { eval: true, workerData: options });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; issueCount: number }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { url: string; issueCount: number }) => {
      worker.off('error', reject);
      resolve(message);
    });
  });
  const started = await ready;
  worker.on('message', (reply: RemoteReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error === undefined) waiting?.resolve(reply.value);
    else waiting?.reject(new Error(`remote Jira: ${reply.error}`));
  });
  worker.on('error', (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  const ask = (request: RemoteOp): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  return {
    url: started.url,
    issueCount: started.issueCount,
    setLatency: async (ms) => {
      await ask({ op: 'setLatency', ms });
    },
    resetCalls: async () => {
      await ask({ op: 'resetCalls' });
    },
    calls: async () => (await ask({ op: 'calls' })) as Readonly<Record<string, number>>,
    close: async () => {
      await ask({ op: 'close' });
      await worker.terminate();
    },
  };
}
