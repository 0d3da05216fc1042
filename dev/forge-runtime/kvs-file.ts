/**
 * The KVS on disk: one JSON file, replaced atomically (write a temp file, fsync, rename, fsync the
 * folder), so a crash leaves either the old or the new store, never half of one. A file that does
 * not parse or does not match the format stops the runtime with a clear message and is left as it
 * was: nothing is ever written over data the runtime could not read.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ForgeRuntimeError } from './errors';
import type { KvsSnapshot, StoredRecord } from './kvs-store';

export const KVS_FILE_NAME = 'kvs.json';
const FORMAT = 'throughline-forge-kvs';

const recordSchema = z.object({
  key: z.string(),
  value: z.unknown().refine((v) => v !== undefined && v !== null, 'a stored value cannot be null'),
  createdAt: z.number(),
  updatedAt: z.number(),
  expireAt: z.number().optional(),
});

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  kvs: z.array(recordSchema),
  secrets: z.array(recordSchema),
  entities: z.array(recordSchema.extend({ entityName: z.string() })),
});

interface FileRecord {
  readonly key: string;
  readonly value: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expireAt?: number | undefined;
}

export class KvsStoreCorruptError extends ForgeRuntimeError {}

export class KvsFile {
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private tempCounter = 0;

  private constructor(readonly path: string) {}

  /** Opens (or prepares) `<dir>/kvs.json`; rejects with KvsStoreCorruptError if it cannot be read back. */
  static async open(dir: string): Promise<{ file: KvsFile; snapshot: KvsSnapshot | undefined }> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, KVS_FILE_NAME);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: new KvsFile(path), snapshot: undefined };
      throw new ForgeRuntimeError(`Cannot read the KVS store file ${path}: ${(error as Error).message}`);
    }
    return { file: new KvsFile(path), snapshot: parseStoreFile(text, path) };
  }

  /**
   * Saves the store; resolves once a write that includes every change made before this call is on
   * disk. Writes are serialised, and calls made while one is waiting share the next write.
   */
  save(snapshot: () => KvsSnapshot): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const next = this.writing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.writeAtomically(serialise(snapshot()));
      });
    this.queued = next;
    this.writing = next;
    return next;
  }

  /** Waits for every pending write (close()). */
  async flush(): Promise<void> {
    await this.writing.catch(() => undefined);
  }

  private async writeAtomically(text: string): Promise<void> {
    this.tempCounter += 1;
    const temp = `${this.path}.tmp-${process.pid}-${this.tempCounter}`;
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    // The rename itself is durable only once the folder is synced.
    const folder = await open(dirname(this.path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}

export function parseStoreFile(text: string, path: string): KvsSnapshot {
  const refuse = (reason: string): never => {
    throw new KvsStoreCorruptError(
      `The KVS store file ${path} is corrupted (${reason}). The local Forge runtime will not start on it and has left it untouched: ` +
        'repair it, or move it away to start with an empty store.',
    );
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return refuse(`not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(issue === undefined ? 'unexpected content' : `${issue.path.map(String).join('.') || 'root'}: ${issue.message}`);
  }
  const toEntry = (r: FileRecord): [string, StoredRecord] => [r.key, toRecord(r)];
  return {
    kvs: parsed.data.kvs.map(toEntry),
    secrets: parsed.data.secrets.map(toEntry),
    entities: parsed.data.entities.map((r) => ({ entityName: r.entityName, key: r.key, record: toRecord(r) })),
  };
}

function toRecord(r: FileRecord): StoredRecord {
  return { value: r.value, createdAt: r.createdAt, updatedAt: r.updatedAt, ...(r.expireAt === undefined ? {} : { expireAt: r.expireAt }) };
}

function serialise(snapshot: KvsSnapshot): string {
  const fromEntry = ([key, record]: readonly [string, StoredRecord]): FileRecord => ({ key, ...record });
  return `${JSON.stringify(
    {
      format: FORMAT,
      version: 1,
      kvs: snapshot.kvs.map(fromEntry),
      // Forge encrypts secrets at rest; this development store keeps them in plain text.
      secrets: snapshot.secrets.map(fromEntry),
      entities: snapshot.entities.map(({ entityName, key, record }) => ({ entityName, key, ...record })),
    },
    null,
    1,
  )}\n`;
}
