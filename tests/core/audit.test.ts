import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../../electron/core/api.js';
import { AppError } from '../../electron/core/kernel/errors.js';
import type { ModuleDefinition } from '../../electron/core/kernel/module.js';
import { setSetting } from '../../electron/core/modules/settings/store.js';
import type { Core } from '../../electron/core/index.js';
import { auditIntegrity } from '../../electron/core/kernel/audit.js';
import { toPgText, type SqlValue } from '../../electron/core/db/sql.js';
import { closeCore, count, fails, fingerprint, initialised, login, ok, openCore } from './support/harness.js';
import { csvUpload, IMPORT_HEADER } from './support/files.js';
import { demoWorld, employeeFields, newGroup, updateInput } from './support/world.js';
import { BEFORE_KEYED_CHAIN, plainAuditHash, previousVersionFolder } from './support/legacy.js';
import { databaseUrlFor, describeSqlite, exec, rows as select } from './support/engine.js';

/** The app's modules with `org.groups.update` replaced by one that does the real work, then throws. */
function failingGroupUpdate(error: Error): ModuleDefinition[] {
  return MODULES.map((m) => {
    const real = m.handlers['org.groups.update'];
    if (!real) return m;
    return {
      ...m,
      handlers: {
        ...m.handlers,
        'org.groups.update': async (ctx, input) => {
          await real(ctx, input);
          throw error;
        },
      },
    };
  });
}

const auditRows = (core: Core) =>
  select<{
    seq: number;
    method: string;
    entity: string;
    recordId: string | null;
    action: string;
    username: string | null;
  }>(core, 'SELECT seq, method, entity, record_id AS "recordId", action, username FROM audit_log ORDER BY seq');

/**
 * Rewrites the audit rows' hashes from `fromSeq` (to `toSeq`) with the plain algorithm of the
 * versions before the keyed chain, in order, marking them plain: what someone editing the
 * database without the install key can do.
 */
async function rewritePlainChain(core: Core, fromSeq = 1, toSeq?: number): Promise<void> {
  // No upper bound by default (seq is a 32-bit integer column on PostgreSQL: no MAX_SAFE_INTEGER there).
  const chain = await select<Record<string, unknown>>(
    core,
    toSeq === undefined ? 'SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq' : 'SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq',
    toSeq === undefined ? [fromSeq] : [fromSeq, toSeq],
  );
  let prev = fromSeq === 1 ? '0'.repeat(64) : (await select<{ hash: string }>(core, 'SELECT hash FROM audit_log WHERE seq = ?', [fromSeq - 1]))[0]!.hash;
  for (const r of chain) {
    const hash = plainAuditHash(prev, r);
    await exec(core, 'UPDATE audit_log SET prev_hash = ?, hash = ?, chain = 0 WHERE seq = ?', [prev, hash, r.seq as number]);
    prev = hash;
  }
}

/** A statement on a data folder's database while no core has it open (the SQLite file, or the folder's PostgreSQL database). */
async function whileClosed(dir: string, text: string, params: SqlValue[]): Promise<void> {
  const url = await databaseUrlFor(dir);
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(toPgText(text).text, params);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(dir, 'opsdesk.sqlite'));
  try {
    db.prepare(text).run(...params);
  } finally {
    db.close();
  }
}

describe('audit log', () => {
  it('writes the audit rows of a mutation with it, and none for a query', async () => {
    const { core, admin } = await initialised();
    const seq = await count(core, 'audit_log');
    const group = await ok(core, admin, 'org.groups.create', { name: '培训组', description: '新设', leadEmployeeId: null });
    await ok(core, admin, 'org.groups.update', { id: group.id, name: '培训小组', description: '新设', leadEmployeeId: null });
    await ok(core, admin, 'org.groups.list', {});
    await ok(core, admin, 'audit.list', {});
    const rows = (await auditRows(core)).slice(seq);
    expect(rows).toEqual([
      { seq: seq + 1, method: 'org.groups.create', entity: 'group', recordId: group.id, action: 'create', username: 'admin' },
      { seq: seq + 2, method: 'org.groups.update', entity: 'group', recordId: group.id, action: 'update', username: 'admin' },
    ]);
    const listed = await ok(core, admin, 'audit.list', { recordId: group.id, sortField: 'seq' });
    expect(listed.rows[1]).toMatchObject({ before: { name: '培训组' }, after: { name: '培训小组' } });
    expect(listed.rows[0]!.before).toBeNull();
  });

  it('writes nothing, audit included, when a mutation fails after it started writing', async () => {
    for (const [error, code] of [
      [new Error('disk trouble'), 'INTERNAL'],
      [new AppError('CONFLICT', 'error.test'), 'CONFLICT'],
    ] as const) {
      const { core, admin } = await initialised({ modules: failingGroupUpdate(error) });
      const group = (await ok(core, admin, 'org.groups.list', {}))[0]!;
      const before = await fingerprint(core);
      const result = await fails(core, admin, 'org.groups.update', { id: group.id, name: '改过的名字' });
      expect(result.code).toBe(code);
      expect(JSON.stringify(result)).not.toContain('disk trouble'); // no internal detail crosses
      expect(await fingerprint(core)).toBe(before);
      expect((await ok(core, admin, 'org.groups.list', {}))[0]!.name).toBe(group.name);
    }
  });

  it('rolls back an internal run that fails after auditing', async () => {
    const { core } = await initialised();
    const before = await fingerprint(core);
    await expect(
      core.runInternal('test.fail', 'admin', async (ctx) => {
        await setSetting(ctx.manager, 'department.name', '改名', ctx.nowIso);
        await ctx.audit({ entity: 'department', recordId: null, action: 'update', after: { name: '改名' } });
        throw new Error('late failure');
      }),
    ).rejects.toThrow('late failure');
    expect(await fingerprint(core)).toBe(before);
  });

  it('keeps seq consecutive and the chain valid under concurrent calls', async () => {
    const w = await demoWorld();
    const start = await count(w.core, 'audit_log');
    const calls = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0
        ? w.core.call('timeline.comment', { entity: 'employee', recordId: w.employeeId, body: `并发 ${i}` }, { token: w.admin })
        : w.core.call('org.groups.create', { name: `并发组${i}`, leadEmployeeId: null }, { token: w.admin }),
    );
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok)).toBe(true);
    const seqs = (await auditRows(w.core)).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: start + 30 }, (_, i) => i + 1));
    expect((await ok(w.core, w.admin, 'audit.verify', {})).ok).toBe(true);
  });

  it('writes nothing when an import has no valid row', async () => {
    const w = await demoWorld();
    const before = await fingerprint(w.core);
    const file = csvUpload([IMPORT_HEADER, ['YY001', '重复', '男', '', '', '', '2024-01-01', '', '', ''], ['', '无工号', '女', '', '', '', '2024-01-01', '', '', '']]);
    expect(await fails(w.core, w.admin, 'org.employees.importCommit', file)).toEqual({
      code: 'VALIDATION',
      message: 'error.importNothingValid',
      fields: { file: 'import.nothingValid' },
    });
    expect(await fingerprint(w.core)).toBe(before);
  });

  it('lists with paging, filters and newest first by default', async () => {
    const w = await demoWorld();
    const groups = [await newGroup(w), await newGroup(w), await newGroup(w)];
    const total = await count(w.core, 'audit_log');
    const first = await ok(w.core, w.admin, 'audit.list', { pageSize: 2 });
    expect(first).toMatchObject({ total, page: 1, pageSize: 2 });
    expect(first.rows.map((r) => r.seq)).toEqual([total, total - 1]);
    const page2 = await ok(w.core, w.admin, 'audit.list', { pageSize: 2, page: 2 });
    expect(page2.rows.map((r) => r.seq)).toEqual([total - 2, total - 3]);
    const ascending = await ok(w.core, w.admin, 'audit.list', { sortField: 'seq', sortOrder: 'asc', pageSize: 3 });
    expect(ascending.rows.map((r) => r.seq)).toEqual([1, 2, 3]);

    const byEntity = await ok(w.core, w.admin, 'audit.list', { entity: 'group', method: 'org.groups.create', pageSize: 200 });
    expect(byEntity.rows.map((r) => r.recordId).sort()).toEqual(groups.map((g) => g.id).sort());
    const byRecord = await ok(w.core, w.admin, 'audit.list', { recordId: groups[1]!.id });
    expect(byRecord.rows).toHaveLength(1);
    expect(byRecord.rows[0]).toMatchObject({ method: 'org.groups.create', after: { name: groups[1]!.name } });

    const hr = (await ok(w.core, w.admin, 'users.list', { search: 'hr' })).rows.find((u) => u.username === 'hr')!;
    const before = (await ok(w.core, w.admin, 'audit.list', { userId: hr.id })).total;
    const hrToken = (await ok(w.core, null, 'auth.login', { username: 'hr', password: 'Admin-pass-1' })).token;
    await ok(w.core, hrToken, 'auth.setLocale', { locale: 'en-US' });
    const byUser = await ok(w.core, w.admin, 'audit.list', { userId: hr.id });
    expect(byUser.total).toBe(before + 1);
    expect(byUser.rows[0]).toMatchObject({ method: 'auth.setLocale', username: 'hr', before: { locale: 'zh-CN' }, after: { locale: 'en-US' } });
    // Signing in is done by nobody yet: the row names the account as its record.
    expect((await ok(w.core, w.admin, 'audit.list', { recordId: hr.id, method: 'auth.login' })).rows[0]).toMatchObject({ userId: null, action: 'login' });
    expect((await ok(w.core, w.admin, 'audit.list', { search: 'setLocale' })).total).toBe(1);
  });

  describe('rows as the audit log page shows them', () => {
    async function withWangXiaoming() {
      const w = await demoWorld();
      const e = await ok(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), employeeNo: 'YY101', name: '王小明' });
      const otherGroup = (await ok(w.core, w.admin, 'org.groups.list', {})).find((g) => g.id !== w.opsGroupId)!;
      await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(e), name: '王小明', groupId: otherGroup.id, phone: '13800000000' });
      return { w, e, otherGroup };
    }

    it('carry the record label as it was written, who acted by name, and names for referenced ids', async () => {
      const { w, e, otherGroup } = await withWangXiaoming();
      const page = await ok(w.core, w.admin, 'audit.list', { recordId: e.id, sortField: 'seq', sortOrder: 'asc' });
      expect(page.rows.map((r) => [r.method, r.action, r.entity, r.recordLabel])).toEqual([
        ['org.employees.create', 'create', 'employee', '王小明 (YY101)'],
        ['org.employees.update', 'update', 'employee', '王小明 (YY101)'],
      ]);
      const update = page.rows[1]!;
      expect(update).toMatchObject({ username: 'admin', userDisplayName: 'admin', before: { groupId: w.opsGroupId }, after: { groupId: otherGroup.id } });
      expect(update.refLabels).toMatchObject({ [w.opsGroupId]: '项目运营组', [otherGroup.id]: otherGroup.name });
      // Renamed later, the rows keep the name the record had when they were written.
      await ok(w.core, w.admin, 'org.employees.update', { ...updateInput((await ok(w.core, w.admin, 'org.employees.get', { id: e.id }))), name: '王晓明' });
      const again = await ok(w.core, w.admin, 'audit.list', { recordId: e.id, sortField: 'seq', sortOrder: 'asc' });
      expect(again.rows.map((r) => r.recordLabel)).toEqual(['王小明 (YY101)', '王小明 (YY101)', '王晓明 (YY101)']);
    });

    it("are found by the record's name, the user's name or username, and the username tried at a failed sign-in", async () => {
      const { w, e } = await withWangXiaoming();
      const byName = await ok(w.core, w.admin, 'audit.list', { search: '王小明' });
      expect(byName.rows.map((r) => r.recordId)).toEqual([e.id, e.id]);
      expect((await ok(w.core, w.admin, 'audit.list', { search: 'YY101' })).total).toBe(2);
      // lead1 is 陈静: her rows are found by her name, though they store only her username.
      const lead = await login(w.core, 'lead1');
      await ok(w.core, lead, 'auth.setLocale', { locale: 'en-US' });
      const byUserName = await ok(w.core, w.admin, 'audit.list', { search: '陈静' });
      expect(byUserName.rows.map((r) => [r.method, r.username, r.userDisplayName])).toContainEqual(['auth.setLocale', 'lead1', '陈静']);

      await fails(w.core, null, 'auth.login', { username: 'HR', password: 'Wrong-pass-9' });
      const tried = await ok(w.core, w.admin, 'audit.list', { search: 'hr', method: 'auth.login' });
      expect(tried.rows[0]).toMatchObject({ action: 'loginFailed', userId: null, username: 'hr', userDisplayName: null, entity: 'user', recordLabel: '邓倩' });
    });

    it('name the account on every sign-in row, successful or not', async () => {
      const w = await demoWorld();
      await fails(w.core, null, 'auth.login', { username: 'lead1', password: 'Wrong-pass-9' });
      await login(w.core, 'lead1');
      const rows = (await ok(w.core, w.admin, 'audit.list', { method: 'auth.login', pageSize: 200 })).rows;
      expect(rows.length).toBeGreaterThan(2);
      expect(rows.filter((r) => r.username === null)).toEqual([]);
      expect(rows.slice(0, 2).map((r) => [r.action, r.username])).toEqual([
        ['login', 'lead1'],
        ['loginFailed', 'lead1'],
      ]);
    });
  });

  describe('hash chain', () => {
    async function chained() {
      const w = await demoWorld();
      expect(await count(w.core, 'audit_log')).toBeGreaterThan(5);
      return w;
    }
    const verify = (w: { core: Core; admin: string }) => ok(w.core, w.admin, 'audit.verify', {});
    const rows = (w: { core: Core }) => count(w.core, 'audit_log');

    it('verifies a clean log, every row keyed, the checkpoint matching', async () => {
      const w = await chained();
      expect(await verify(w)).toEqual({
        ok: true,
        rows: (await rows(w)),
        firstBrokenSeq: null,
        truncated: false,
        checkpoint: 'matches',
        checkpointRows: (await rows(w)),
        keyedFromSeq: 1,
        incidents: [],
      });
      expect(await count(w.core, 'audit_log', 'chain <> 1')).toBe(0);
    });

    it('finds an edited row', async () => {
      const w = await chained();
      await exec(w.core, `UPDATE audit_log SET after_json = '{"name":"forged"}' WHERE seq = 3`);
      expect(await verify(w)).toMatchObject({ ok: false, rows: (await rows(w)), firstBrokenSeq: 3 });
    });

    it('finds an edited row whose chain was recomputed without the key (plain SHA-256, as the foundation allowed)', async () => {
      for (const asPlainRows of [false, true]) {
        const w = await chained();
        await exec(w.core, `UPDATE audit_log SET after_json = '{"name":"forged"}' WHERE seq = 3`);
        await rewritePlainChain(w.core, 3);
        // Marked keyed, the plain hash is not the keyed one; marked plain, it comes after keyed rows.
        if (!asPlainRows) await exec(w.core, 'UPDATE audit_log SET chain = 1');
        expect(await verify(w)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
      }
    });

    it('finds an edit of the newest row and of a column outside the JSON', async () => {
      const w = await chained();
      const last = (await rows(w));
      await exec(w.core, 'UPDATE audit_log SET username = ? WHERE seq = ?', ['someone-else', last]);
      expect((await verify(w)).firstBrokenSeq).toBe(last);
      await exec(w.core, 'UPDATE audit_log SET username = NULL, record_label = ? WHERE seq = ?', ['别人', last]);
      expect((await verify(w)).firstBrokenSeq).toBe(last);
    });

    it('finds a deleted row', async () => {
      const w = await chained();
      await exec(w.core, 'DELETE FROM audit_log WHERE seq = 3');
      expect(await verify(w)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });

    it('finds reordered rows', async () => {
      const w = await chained();
      // Swapped through a free seq: seq is unique on both engines.
      await exec(w.core, 'UPDATE audit_log SET seq = -1 WHERE seq = 3');
      await exec(w.core, 'UPDATE audit_log SET seq = 3 WHERE seq = 4');
      await exec(w.core, 'UPDATE audit_log SET seq = 4 WHERE seq = -1');
      expect(await verify(w)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });

    it('reports deleting the newest rows as truncation against the checkpoint', async () => {
      const w = await chained();
      const before = (await rows(w));
      await exec(w.core, 'DELETE FROM audit_log WHERE seq > ?', [before - 2]);
      // What is left is a shorter chain that verifies: only the checkpoint outside the database knows.
      expect(await verify(w)).toMatchObject({ ok: false, rows: before - 2, firstBrokenSeq: null, truncated: true, checkpoint: 'mismatch', checkpointRows: before });
    });

    it('records a log cut while the app was closed, with the next change, and then verifies again', async () => {
      const { core, dir, clock } = await initialised();
      const before = await count(core, 'audit_log');
      await closeCore(core);
      await whileClosed(dir, 'DELETE FROM audit_log WHERE seq = ?', [before]);
      const reopened = (await openCore({ dataDir: dir, clock })).core;
      const token = await login(reopened, 'admin');
      const incident = (await auditRowsOf(reopened)).at(-2)!;
      expect(incident).toMatchObject({ seq: before, method: 'audit.integrity', entity: 'audit', action: 'headMismatch', username: null });
      expect(JSON.parse(incident.afterJson!)).toMatchObject({ expected: { count: before }, found: { count: before - 1 }, truncated: true });
      expect(await ok(reopened, token, 'audit.verify', {})).toMatchObject({ ok: true, truncated: false, checkpoint: 'matches', incidents: [{ seq: before, kind: 'headMismatch' }] });
    });

    it('accepts a checkpoint that lags behind the log (a crash between commit and checkpoint)', async () => {
      const w = await chained();
      const file = path.join(w.dir, 'audit-checkpoint.json');
      const older = fs.readFileSync(file);
      await newGroup(w);
      fs.writeFileSync(file, older);
      expect(await verify(w)).toMatchObject({ ok: true, checkpoint: 'matches', checkpointRows: (await rows(w)) - 1 });
    });

    it('reports a missing or edited checkpoint, and records a missing one with the next change', async () => {
      const w = await chained();
      const file = path.join(w.dir, 'audit-checkpoint.json');
      const content = JSON.parse(fs.readFileSync(file, 'utf8')) as { count: number };
      fs.writeFileSync(file, JSON.stringify({ ...content, count: content.count + 5 }));
      expect(await verify(w)).toMatchObject({ ok: false, firstBrokenSeq: null, checkpoint: 'invalid', checkpointRows: null });
      fs.rmSync(file);
      expect(await verify(w)).toMatchObject({ ok: false, firstBrokenSeq: null, checkpoint: 'missing' });

      await closeCore(w.core);
      const reopened = (await openCore({ dataDir: w.dir, clock: w.clock })).core;
      const token = await login(reopened, 'admin');
      const result = await ok(reopened, token, 'audit.verify', {});
      expect(result).toMatchObject({ ok: true, checkpoint: 'matches', incidents: [{ kind: 'checkpointMissing' }] });
      expect((await auditRowsOf(reopened))[result.incidents[0]!.seq - 1]).toMatchObject({ method: 'audit.integrity', action: 'checkpointMissing' });
    });

    it('does not verify under another install key (a folder copied without its key)', async () => {
      const { core, dir, clock } = await initialised();
      await closeCore(core);
      const other = (await openCore({ dataDir: dir, clock, auditKey: Buffer.alloc(32, 0x17) })).core;
      const before = await other.runInternal('test.verify', null, (ctx) => auditIntegrity(ctx.manager, ctx.services.auditChain), { transaction: false });
      expect(before).toMatchObject({ ok: false, firstBrokenSeq: 1, checkpoint: 'otherKey' });
      // The next change records that the checkpoint was not this key's, and goes on; the admin's
      // seal does not verify under this key either, so the sign-in is recorded as of a changed account.
      const token = await login(other, 'admin');
      expect(await ok(other, token, 'audit.verify', {})).toMatchObject({
        ok: false,
        firstBrokenSeq: 1,
        checkpoint: 'matches',
        incidents: [{ kind: 'checkpointInvalid' }, { kind: 'accountTampered' }],
      });
    });

    it('keeps the chain valid as rows are appended, across a restart', async () => {
      const { core, admin, clock, dir } = await initialised();
      await ok(core, admin, 'org.groups.create', { name: '培训组', leadEmployeeId: null });
      await closeCore(core);
      const reopened = (await openCore({ dataDir: dir, clock })).core;
      const token = await login(reopened, 'admin');
      await ok(reopened, token, 'org.department.update', { name: '运营管理部' });
      expect(await ok(reopened, token, 'audit.verify', {})).toMatchObject({ ok: true, rows: await count(reopened, 'audit_log'), firstBrokenSeq: null, incidents: [] });
    });
  });

  // The previous version's database is a SQLite file made by support/legacy.ts (older schema, plain
  // chain): that version ran only on SQLite, so there is nothing to upgrade on PostgreSQL.
  describeSqlite('a database of the previous version (plain SHA-256 chain)', () => {
    async function upgraded() {
      const { dir } = await previousVersionFolder(BEFORE_KEYED_CHAIN);
      const plainRows = (() => {
        const db = new Database(path.join(dir, 'opsdesk.sqlite'), { readonly: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
        } finally {
          db.close();
        }
      })();
      const { core, clock } = await openCore({ dataDir: dir });
      const admin = await login(core, 'admin');
      return { core, admin, dir, clock, plainRows };
    }

    it('still verifies, and the rows written after the upgrade are keyed', async () => {
      const w = await upgraded();
      expect(w.plainRows).toBeGreaterThan(20);
      // Signing in wrote the first keyed row, chained onto the last plain one.
      expect(await ok(w.core, w.admin, 'audit.verify', {})).toEqual({
        ok: true,
        rows: w.plainRows + 1,
        firstBrokenSeq: null,
        truncated: false,
        checkpoint: 'matches',
        checkpointRows: w.plainRows + 1,
        keyedFromSeq: w.plainRows + 1,
        incidents: [],
      });
      // Labels of the older rows were filled in from today's records.
      expect(await count(w.core, 'audit_log', "entity = 'employee' AND record_id IS NOT NULL AND record_label IS NULL")).toBe(0);
    });

    it('finds an older row edited and its plain chain recomputed', async () => {
      const w = await upgraded();
      await exec(w.core, `UPDATE audit_log SET after_json = '{"name":"forged"}' WHERE seq = 5`);
      await rewritePlainChain(w.core, 5, w.plainRows);
      // Plain rows can be recomputed by anyone; the first keyed row, chained onto the last plain one, cannot.
      expect(await ok(w.core, w.admin, 'audit.verify', {})).toMatchObject({ ok: false, firstBrokenSeq: w.plainRows + 1 });
    });

    it('detects keyed rows downgraded to the plain form, by the checkpoint', async () => {
      const w = await upgraded();
      await ok(w.core, w.admin, 'org.groups.create', { name: '降级组', leadEmployeeId: null });
      await exec(w.core, `UPDATE audit_log SET after_json = '{"name":"forged"}' WHERE seq = 5`);
      // Every row turned into a plain one, so the walk alone finds nothing wrong...
      await exec(w.core, 'UPDATE audit_log SET chain = 0');
      await rewritePlainChain(w.core, 1);
      const result = await ok(w.core, w.admin, 'audit.verify', {});
      expect(result).toMatchObject({ firstBrokenSeq: null, keyedFromSeq: null });
      // ...but the head is no longer the keyed one the checkpoint holds.
      expect(result).toMatchObject({ ok: false, checkpoint: 'mismatch', truncated: false });
    });
  });
});

/** Audit rows in order, every column (for tests that look at what the core wrote). */
async function auditRowsOf(core: Core) {
  return (await select<Record<string, unknown>>(core, 'SELECT * FROM audit_log ORDER BY seq')).map((row) => ({
    seq: row.seq as number,
    method: row.method as string,
    entity: row.entity as string,
    action: row.action as string,
    username: row.username as string | null,
    afterJson: row.after_json as string | null,
  }));
}
