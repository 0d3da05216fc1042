/**
 * The KVS through the unmodified @forge/kvs: round trips, paging, key policies, batches,
 * transactions, Forge's limits and error codes, and the file that survives a restart.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Filter, FilterConditions, ForgeKvsAPIError, MetadataField, WhereConditions, kvs } from '@forge/kvs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KvsStoreCorruptError } from '../../../dev/forge-runtime';
import type { ForgeRuntime } from '../../../dev/forge-runtime';
import { fixtureRuntime, withTempDir } from './helpers';

interface Employee {
  surname: string;
  age: number;
}

async function kvsError(promise: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    return error as ForgeKvsAPIError;
  }
  throw new Error('expected the KVS call to fail');
}

describe('KVS through @forge/kvs (in memory)', () => {
  let runtime: ForgeRuntime;
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const asApp = <T>(fn: () => Promise<T>): Promise<T> => runtime.runAs('app', fn);

  beforeEach(async () => {
    runtime = await fixtureRuntime({ now: () => clock });
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('sets, gets and deletes values of every JSON type; a missing key reads as undefined', async () => {
    await asApp(async () => {
      await kvs.set('theme:1', { name: 'Growth', weights: [1, 2.5], active: true });
      await kvs.set('count', 3);
      await kvs.set('flag', false);
      await kvs.set('label', 'plain text');
      expect(await kvs.get('theme:1')).toEqual({ name: 'Growth', weights: [1, 2.5], active: true });
      expect(await kvs.get('count')).toBe(3);
      expect(await kvs.get('flag')).toBe(false);
      expect(await kvs.get('label')).toBe('plain text');
      await kvs.delete('theme:1');
      await kvs.delete('never-existed');
      expect(await kvs.get('theme:1')).toBeUndefined();
    });
  });

  it('returns metadata when asked, and hides a value once its TTL has passed', async () => {
    await asApp(async () => {
      await kvs.set('session', 'abc', { ttl: { value: 1, unit: 'MINUTES' } } as never);
      const got = await kvs.get('session', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME] });
      expect(got).toEqual({ key: 'session', value: 'abc', createdAt: clock, updatedAt: clock, expireTime: new Date(clock + 60_000).toISOString() });
      clock += 61_000;
      expect(await kvs.get('session')).toBeUndefined();
    });
  });

  it('queries by key prefix in key order, at most 20 per page, following cursors', async () => {
    await asApp(async () => {
      const keys = Array.from({ length: 25 }, (_, i) => `item:${String(i).padStart(2, '0')}`);
      await Promise.all(keys.map((key, i) => kvs.set(key, i)));
      await kvs.set('itemx', 'not in the prefix');
      await kvs.set('other:1', 'elsewhere');

      const defaultPage = await kvs.query().where('key', WhereConditions.beginsWith('item:')).getMany();
      expect(defaultPage.results.map((r) => r.key)).toEqual(keys.slice(0, 10));

      const first = await kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(50).getMany();
      expect(first.results).toHaveLength(20);
      expect(first.nextCursor).toBeTypeOf('string');
      const second = await kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(50).cursor(first.nextCursor ?? '').getMany();
      expect(second.results.map((r) => r.key)).toEqual(keys.slice(20));
      expect(second.nextCursor).toBeUndefined();
      expect(second.results[0]).toEqual({ key: 'item:20', value: 20 });

      const one = await kvs.query().where('key', WhereConditions.beginsWith('other:')).getOne();
      expect(one).toEqual({ key: 'other:1', value: 'elsewhere' });

      const tooMany = await kvsError(kvs.query().limit(101).getMany());
      expect(tooMany.code).toBe('LIST_QUERY_LIMIT_EXCEEDED');
    });
  });

  it('honours keyPolicy FAIL_IF_EXISTS and OVERRIDE with returnValue', async () => {
    await asApp(async () => {
      await kvs.set('once', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
      const conflict = await kvsError(kvs.set('once', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }));
      expect({ code: conflict.code, status: conflict.responseDetails.status }).toEqual({ code: 'KEY_ALREADY_EXISTS', status: 409 });
      expect(await kvs.get('once')).toBe('first');

      const previous = await kvs.set('once', 'third', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
      expect(previous).toEqual({ key: 'once', value: 'first' });
      const latest = await kvs.set('once', 'fourth', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: [MetadataField.CREATED_AT] });
      expect(latest).toEqual({ key: 'once', value: 'fourth', createdAt: clock });
      expect(await kvs.set('fresh', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    });
  });

  it('refuses keys and values outside Forge limits with Forge error codes', async () => {
    await asApp(async () => {
      expect((await kvsError(kvs.set('bad/key', 1))).code).toBe('INVALID_KEY');
      expect((await kvsError(kvs.set('   ', 1))).code).toBe('INVALID_KEY');
      expect((await kvsError(kvs.get(''))).code).toBe('KEY_TOO_SHORT');
      expect((await kvsError(kvs.set('k'.repeat(501), 1))).code).toBe('KEY_TOO_LONG');
      await kvs.set(`${'k'.repeat(480)}:a-b_c.d#e f`, 'the longest valid shapes');

      // 240 KiB of JSON is allowed; one byte more is not.
      await kvs.set('big', 'x'.repeat(240 * 1024 - 2));
      const tooBig = await kvsError(kvs.set('big', 'x'.repeat(240 * 1024 - 1)));
      expect({ code: tooBig.code, status: tooBig.responseDetails.status }).toEqual({ code: 'MAX_SIZE', status: 400 });
      expect(await kvs.get('big')).toHaveLength(240 * 1024 - 2);

      let deep: unknown = 'leaf';
      for (let i = 0; i < 32; i += 1) deep = { deep };
      expect((await kvsError(kvs.set('deep', deep))).code).toBe('MAX_DEPTH');
      expect((await kvsError(kvs.set('nothing', null))).code).toBe('BAD_REQUEST');
    });
  });

  it('runs batches item by item: a bad item fails alone', async () => {
    await asApp(async () => {
      const set = await kvs.batchSet<unknown>([
        { key: 'b:1', value: 1 },
        { key: 'b:2', value: { two: 2 } },
        { key: 'bad key!', value: 3 },
      ]);
      expect(set.successfulKeys).toEqual([{ key: 'b:1' }, { key: 'b:2' }]);
      expect(set.failedKeys).toEqual([{ key: 'bad key!', error: expect.objectContaining({ code: 'INVALID_KEY' }) as unknown }]);

      const got = await kvs.batchGet([{ key: 'b:1' }, { key: 'b:2' }, { key: 'b:missing' }]);
      expect(got.successfulKeys).toEqual([
        { key: 'b:1', value: 1 },
        { key: 'b:2', value: { two: 2 } },
      ]);
      expect(got.failedKeys).toEqual([{ key: 'b:missing', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } }]);

      const deleted = await kvs.batchDelete([{ key: 'b:1' }, { key: 'b:2' }]);
      expect(deleted.failedKeys).toEqual([]);
      expect(await kvs.get('b:1')).toBeUndefined();

      const tooMany = await kvsError(kvs.batchSet(Array.from({ length: 26 }, (_, i) => ({ key: `n:${i}`, value: i }))));
      expect(tooMany.code).toBe('TOO_MANY_OPERATIONS');
      const twice = await kvsError(kvs.batchGet([{ key: 'same' }, { key: 'same' }]));
      expect(twice.code).toBe('BAD_REQUEST');
    });
  });

  it('applies a transaction whole or not at all, with at most 25 operations and conditions', async () => {
    await asApp(async () => {
      await kvs.set('t:old', 'to delete');
      await kvs.transact().set('t:a', 1).set('t:b', { n: 2 }).delete('t:old').execute();
      expect([await kvs.get('t:a'), await kvs.get('t:b'), await kvs.get('t:old')]).toEqual([1, { n: 2 }, undefined]);

      let big = kvs.transact();
      for (let i = 0; i < 26; i += 1) big = big.set(`t:${i}`, i);
      expect((await kvsError(big.execute())).code).toBe('TOO_MANY_OPERATIONS');
      expect(await kvs.get('t:0')).toBeUndefined();

      const employees = 'employee';
      await kvs.entity(employees).set('e1', { surname: 'Scott', age: 30 });
      await kvs
        .transact()
        .set('t:guarded', 'written', undefined)
        .check('e1', { entityName: employees, conditions: new Filter<Employee>().and('surname', FilterConditions.beginsWith('S')) })
        .execute();
      expect(await kvs.get('t:guarded')).toBe('written');

      const failed = await kvsError(
        kvs
          .transact()
          .set('t:never', 'not written')
          .check('e1', { entityName: employees, conditions: new Filter<Employee>().and('age', FilterConditions.greaterThan(40)) })
          .execute(),
      );
      expect({ code: failed.code, status: failed.responseDetails.status }).toEqual({ code: 'CONDITIONAL_CHECK_FAILED', status: 409 });
      expect(await kvs.get('t:never')).toBeUndefined();
      expect((await kvsError(kvs.transact().set('dup', 1).delete('dup').execute())).code).toBe('BAD_REQUEST');
    });
  });

  it('keeps secrets apart: readable by key, never listed by a query', async () => {
    await asApp(async () => {
      await kvs.setSecret('secret:token', 's3cr3t');
      expect(await kvs.getSecret('secret:token')).toBe('s3cr3t');
      expect(await kvs.get('secret:token')).toBeUndefined();
      expect((await kvs.query().where('key', WhereConditions.beginsWith('secret:')).getMany()).results).toEqual([]);
      await kvs.deleteSecret('secret:token');
      expect(await kvs.getSecret('secret:token')).toBeUndefined();
    });
  });

  it('is unreachable outside an invocation, as in Forge', async () => {
    await expect(kvs.get('anything')).rejects.toThrow(/outside a Forge invocation/);
  });
});

describe('KVS on disk', () => {
  it('survives a restart: a new runtime on the same folder reads every value back', async () => {
    await withTempDir(async (dir) => {
      const first = await fixtureRuntime({ dataDir: dir });
      await first.runAs('app', async () => {
        await kvs.set('theme:growth', { weight: 3 });
        await kvs.set('theme:retention', { weight: 1 });
        await kvs.setSecret('api-token', 'kept');
        await kvs.delete('theme:retention');
      });
      await first.close();
      expect(first.kvsFile).toBe(join(dir, 'kvs.json'));
      // Only the store itself: every temp file was renamed into place.
      expect(await readdir(dir)).toEqual(['kvs.json']);

      const second = await fixtureRuntime({ dataDir: dir });
      await second.runAs('app', async () => {
        expect(await kvs.get('theme:growth')).toEqual({ weight: 3 });
        expect(await kvs.get('theme:retention')).toBeUndefined();
        expect(await kvs.getSecret('api-token')).toBe('kept');
      });
      await second.close();
    });
  });

  it('writes concurrent sets without losing any', async () => {
    await withTempDir(async (dir) => {
      const runtime = await fixtureRuntime({ dataDir: dir });
      await runtime.runAs('app', () => Promise.all(Array.from({ length: 40 }, (_, i) => kvs.set(`c:${String(i).padStart(2, '0')}`, i))));
      await runtime.close();
      const stored = JSON.parse(await readFile(join(dir, 'kvs.json'), 'utf8')) as { kvs: { key: string }[] };
      expect(stored.kvs.map((r) => r.key).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `c:${String(i).padStart(2, '0')}`));
    });
  });

  it.each([
    ['not JSON', '{"format": "throughline-forge-kvs", "version": 1, "kvs": [', /not valid JSON/],
    ['the wrong shape', JSON.stringify({ format: 'throughline-forge-kvs', version: 1, kvs: [{ key: 'a' }], secrets: [], entities: [] }), /kvs\.0\./],
    ['another format', JSON.stringify({ hello: 'world' }), /format/],
  ])('refuses to start on a corrupted file (%s) and leaves the file untouched', async (_name, content, detail) => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'kvs.json');
      await writeFile(file, content);
      const starting = fixtureRuntime({ dataDir: dir });
      await expect(starting).rejects.toBeInstanceOf(KvsStoreCorruptError);
      await expect(starting).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is corrupted`));
      await expect(starting).rejects.toThrow(detail);
      await expect(starting).rejects.toThrow(/left it untouched/);
      expect(await readFile(file, 'utf8')).toBe(content);
      expect(await readdir(dir)).toEqual(['kvs.json']);
    });
  });

  it('keeps nothing on disk in memory mode', async () => {
    await withTempDir(async (dir) => {
      const runtime = await fixtureRuntime({ memory: true, appRoot: dir });
      await runtime.runAs('app', () => kvs.set('volatile', 1));
      await runtime.close();
      expect(runtime.kvsFile).toBeUndefined();
      expect(await readdir(dir)).toEqual([]);
    });
  });
});
