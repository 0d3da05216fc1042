/**
 * The KVS endpoint behind `__forge_fetch__({type: 'kvs'}, '/api/v1/…', init)`: parses the SDK's JSON
 * body, runs it on the store, saves the file before answering a write, and answers with the status
 * codes and `{code, message}` error bodies @forge/kvs maps into ForgeKvsAPIError.
 */
import { randomBytes } from 'node:crypto';
import { KvsFile } from './kvs-file';
import { KvsStore } from './kvs-store';
import type { KvsSnapshot } from './kvs-store';

export class KvsService {
  private constructor(
    readonly store: KvsStore,
    private readonly file: KvsFile | undefined,
  ) {}

  /** `dir` undefined: in memory only (tests); otherwise `<dir>/kvs.json`, read back on start. */
  static async open(dir: string | undefined, now: () => number = Date.now): Promise<KvsService> {
    if (dir === undefined) return new KvsService(new KvsStore(now), undefined);
    const { file, snapshot } = await KvsFile.open(dir);
    return new KvsService(new KvsStore(now, snapshot), file);
  }

  get filePath(): string | undefined {
    return this.file?.path;
  }

  async handle(path: string, init: RequestInit | undefined): Promise<Response> {
    let body: unknown;
    try {
      body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    } catch {
      return json(400, { code: 'BAD_REQUEST', message: 'Provided request body is invalid: not JSON' });
    }
    const result = this.store.execute(path, body);
    if (result.mutated && this.file !== undefined) {
      try {
        await this.file.save(() => this.snapshot());
      } catch (error) {
        return json(500, { code: 'INTERNAL_SERVER_ERROR', message: `The local KVS could not save ${this.file.path}: ${(error as Error).message}` });
      }
    }
    return result.json === undefined ? new Response(null, { status: result.status, headers: traceHeaders() }) : json(result.status, result.json);
  }

  snapshot(): KvsSnapshot {
    return this.store.snapshot();
  }

  async close(): Promise<void> {
    await this.file?.flush();
  }
}

function traceHeaders(): Record<string, string> {
  return { 'x-trace-id': randomBytes(8).toString('hex') };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...traceHeaders() } });
}
