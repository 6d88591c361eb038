import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { toPgText } from '../../electron/core/db/sql.js';
import { migrateData } from '../../electron/core/maintenance/migrate-data.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';
import { createDatabase, databaseUrl, dropDatabase } from '../support/pg-server.js';
import { dataset, signIn, type Dataset, type DatasetName } from './dataset/department.js';
import { compare, type Measurement } from './harness/measure.js';
import { BenchReport } from './harness/report.js';

/**
 * The organisation module's calls on both engines, side by side (issue 8): the same data set (the
 * SQLite one of tests/bench/dataset, moved to a fresh PostgreSQL database with migrate-data), the
 * same calls through core.call, each beside the same SQL run raw on its own engine (better-sqlite3
 * prepared statements; pg named prepared statements over one connection to 127.0.0.1). Needs
 * OPSDESK_TEST_PG_SERVER (node scripts/pg-test-server.mjs start); skipped without it.
 */
const SERVER = process.env.OPSDESK_TEST_PG_SERVER;
const SIZES = (process.env.OPSDESK_BENCH_PG_SIZES ?? 'org1k,org5k').split(',') as DatasetName[];

async function must<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

const LIST = `SELECT e.id, e.employee_no, e.name, e.gender, e.position_id, p.title AS position_title, e.group_id, g.name AS group_name,
  e.manager_id, m.name AS manager_name, e.hire_date, e.phone, e.email, e.status, e.left_date, e.archived_at
  FROM org_employees e LEFT JOIN org_groups g ON g.id = e.group_id LEFT JOIN org_positions p ON p.id = e.position_id
  LEFT JOIN org_employees m ON m.id = e.manager_id`;

/** The raw twin of each call: statements with `?`, run on either engine. */
const RAW: Record<string, { text: string; params: (ids: { someId: string; groupId: string }) => unknown[] }[]> = {
  'employees.list: first page of 20 with total': [
    { text: `${LIST} WHERE e.archived_at IS NULL ORDER BY e.employee_no, e.id LIMIT 20 OFFSET 0`, params: () => [] },
    { text: 'SELECT COUNT(*) AS n FROM org_employees e WHERE e.archived_at IS NULL', params: () => [] },
  ],
  'employees.list: one group, first page with total': [
    { text: `${LIST} WHERE e.archived_at IS NULL AND e.group_id = ? ORDER BY e.employee_no, e.id LIMIT 20 OFFSET 0`, params: (i) => [i.groupId] },
    { text: 'SELECT COUNT(*) AS n FROM org_employees e WHERE e.archived_at IS NULL AND e.group_id = ?', params: (i) => [i.groupId] },
  ],
  'employees.list: search 王 with total': [
    { text: `${LIST} WHERE e.archived_at IS NULL AND (e.name LIKE ? ESCAPE '\\' OR e.employee_no LIKE ? ESCAPE '\\') ORDER BY e.employee_no, e.id LIMIT 20 OFFSET 0`, params: () => ['%王%', '%王%'] },
    { text: `SELECT COUNT(*) AS n FROM org_employees e WHERE e.archived_at IS NULL AND (e.name LIKE ? ESCAPE '\\' OR e.employee_no LIKE ? ESCAPE '\\')`, params: () => ['%王%', '%王%'] },
  ],
  'employees.get: detail': [
    { text: `${LIST} WHERE e.id = ?`, params: (i) => [i.someId] },
    { text: 'SELECT id, name, employee_no FROM org_employees WHERE manager_id = ? AND archived_at IS NULL ORDER BY employee_no', params: (i) => [i.someId] },
    { text: 'SELECT g.id, g.name FROM org_deputy_groups d JOIN org_groups g ON g.id = d.group_id WHERE d.employee_id = ?', params: (i) => [i.someId] },
    { text: 'SELECT id, username FROM users WHERE employee_id = ?', params: (i) => [i.someId] },
  ],
  'audit.list: first page with total': [
    { text: 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 20 OFFSET 0', params: () => [] },
    { text: 'SELECT COUNT(*) AS n FROM audit_log', params: () => [] },
  ],
};

const CALLS: Record<string, (ids: { someId: string; groupId: string }) => [string, unknown]> = {
  'employees.list: first page of 20 with total': () => ['org.employees.list', { pageSize: 20 }],
  'employees.list: one group, first page with total': (i) => ['org.employees.list', { groupId: i.groupId }],
  'employees.list: search 王 with total': () => ['org.employees.list', { search: '王' }],
  'employees.get: detail': (i) => ['org.employees.get', { id: i.someId }],
  'audit.list: first page with total': () => ['audit.list', {}],
};

interface Side {
  core: Core;
  token: string;
  raw: (text: string, params: unknown[]) => Promise<unknown>;
}

for (const size of SIZES) {
  describe.skipIf(!SERVER)(`organisation on both engines (${size})`, () => {
    let data: Dataset;
    let sqlite: Side;
    let postgres: Side;
    let client: pg.Client;
    let serverDir: string;
    const database = `od_bench_${size}_${crypto.randomBytes(4).toString('hex')}`;
    const ids = { someId: '', groupId: '' };
    const rows: { operation: string; sqlite: Measurement; postgres: Measurement }[] = [];

    beforeAll(async () => {
      data = await dataset(size);
      const sqliteCore = await data.open();
      await createDatabase(database);
      const url = new URL(databaseUrl(database));
      serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-pg-'));
      const pgCore = await createCore({ dataDir: serverDir, databaseUrl: url.toString(), passwordCost: TEST_COST, auditKey: TEST_AUDIT_KEY, log: () => {} });
      const started = performance.now();
      const moved = await migrateData(sqliteCore, pgCore);
      console.log(`[bench] ${size}: moved ${moved.totalRows} rows to PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query('ANALYZE');
      const db = sqliteCore.db.raw;
      sqlite = { core: sqliteCore, token: await signIn(sqliteCore), raw: async (text, params) => db.prepare(text).all(...(params as never[])) };
      postgres = {
        core: pgCore,
        token: await signIn(pgCore),
        // Named prepared statements, as the core's own db/sql.ts runs them (toPgText caches the text).
        raw: async (text, params) => {
          const named = toPgText(text);
          return (await client.query({ name: named.name, text: named.text, values: params })).rows;
        },
      };
      const row = db.prepare("SELECT id, group_id FROM org_employees WHERE archived_at IS NULL AND status = 'active' AND group_id IS NOT NULL ORDER BY employee_no LIMIT 1 OFFSET 7").get() as { id: string; group_id: string };
      ids.someId = row.id;
      ids.groupId = row.group_id;
    }, 600_000);

    afterAll(async () => {
      const report = new BenchReport(`organisation, ${size}: SQLite | PostgreSQL`);
      console.log(
        [
          `\norganisation, ${size}, both engines (median ms; ratio = core / raw on the same engine)`,
          '| operation | SQLite core | SQLite raw | ratio | PostgreSQL core | PostgreSQL raw | ratio |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          ...rows.map(
            (r) =>
              `| ${r.operation} | ${r.sqlite.medianMs.toFixed(2)} | ${r.sqlite.rawMedianMs?.toFixed(2)} | ${r.sqlite.ratio?.toFixed(2)}x | ${r.postgres.medianMs.toFixed(2)} | ${r.postgres.rawMedianMs?.toFixed(2)} | ${r.postgres.ratio?.toFixed(2)}x |`,
          ),
        ].join('\n'),
      );
      for (const r of rows) {
        report.add({ ...r.sqlite, operation: `${r.operation} (SQLite)` });
        report.add({ ...r.postgres, operation: `${r.operation} (PostgreSQL)` });
      }
      report.finish();
      await client?.end();
      await sqlite?.core.close();
      await postgres?.core.close();
      await dropDatabase(database);
      data?.dispose();
      if (serverDir) fs.rmSync(serverDir, { recursive: true, force: true });
    });

    test('reads', async () => {
      for (const [operation, call] of Object.entries(CALLS)) {
        const [method, input] = call(ids);
        const measure = (side: Side) =>
          compare(
            operation,
            () => must(side.core.call(method as never, input as never, { token: side.token })),
            async () => {
              for (const s of RAW[operation]!) await side.raw(s.text, s.params(ids));
            },
            { iterations: 100, warmup: 10 },
          );
        rows.push({ operation, sqlite: await measure(sqlite), postgres: await measure(postgres) });
      }
    });
  });
}

