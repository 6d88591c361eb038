import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/api/events.js';
import { onPostgres, rows, itSqlite } from './support/engine.js';
import { count, fails, fingerprint, initialised, login, ok } from './support/harness.js';
import { upload } from './support/files.js';
import { demoWorld } from './support/world.js';

const HOUR = 3_600_000;

async function people() {
  const w = await demoWorld();
  const users = (await ok(w.core, w.admin, 'users.list', { pageSize: 50 })).rows;
  const id = (username: string) => users.find((u) => u.username === username)!.id;
  const token: Record<string, string> = {};
  for (const name of ['lead1', 'staff1', 'staff2', 'hr', 'deputy1']) token[name] = await login(w.core, name);
  const at = (hoursFromNow: number) => new Date(w.clock.now().getTime() + hoursFromNow * HOUR).toISOString();
  return { w, id, token, at };
}

describe('reminders', () => {
  it('lets anyone remind themselves, and only people who hand out work remind others', async () => {
    const { w, id, token, at } = await people();
    const own = await ok(w.core, token.staff1!, 'reminders.create', { title: '提交周报', note: '周五前', dueAt: at(2) });
    expect(own).toMatchObject({ title: '提交周报', note: '周五前', assigneeId: id('staff1'), assigneeName: '孙浩', doneAt: null, overdue: false });
    expect((await ok(w.core, token.staff1!, 'notifications.list', {})).total).toBe(0); // no notice to oneself

    const before = await fingerprint(w.core);
    expect(await fails(w.core, token.staff1!, 'reminders.create', { title: '帮我做', dueAt: at(2), assigneeId: id('staff2') })).toEqual({
      code: 'FORBIDDEN',
      message: 'error.cannotAssignReminder',
    });
    expect(await fingerprint(w.core)).toBe(before);

    const assigned = await ok(w.core, token.lead1!, 'reminders.create', { title: '整理项目文档', dueAt: at(5), assigneeId: id('staff1') });
    expect(assigned.assigneeName).toBe('孙浩');
    expect((await ok(w.core, token.staff1!, 'reminders.mine', {})).map((r) => r.title)).toEqual(['提交周报', '整理项目文档']);
    expect(await ok(w.core, token.lead1!, 'reminders.mine', {})).toEqual([]);
    const [notice] = (await ok(w.core, token.staff1!, 'notifications.list', {})).rows;
    expect(notice).toMatchObject({ kind: 'reminder', titleKey: 'notify.reminderAssigned', params: { title: '整理项目文档' }, readAt: null });

    const unknownUser = { code: 'VALIDATION', message: 'error.validation', fields: { assigneeId: 'validation.unknownUser' } };
    expect(await fails(w.core, token.lead1!, 'reminders.create', { title: 'x', dueAt: at(1), assigneeId: crypto.randomUUID() })).toEqual(unknownUser);
    await ok(w.core, w.admin, 'users.setDisabled', { id: id('staff2'), disabled: true });
    expect(await fails(w.core, token.lead1!, 'reminders.create', { title: 'x', dueAt: at(1), assigneeId: id('staff2') })).toEqual(unknownUser);
  });

  it('lists what a lead assigned to others under assigned-by-me, and nobody else sees it', async () => {
    const { w, id, token, at } = await people();
    const assigned = await ok(w.core, token.lead1!, 'reminders.create', { title: '整理项目文档', dueAt: at(5), assigneeId: id('staff1') });
    await ok(w.core, token.lead1!, 'reminders.create', { title: '自己的事', dueAt: at(1) });
    const titles = async (who: string, scope?: 'mine' | 'assignedByMe') =>
      (await ok(w.core, token[who]!, 'reminders.mine', scope ? { scope } : {})).map((r) => r.title);

    const [row] = await ok(w.core, token.lead1!, 'reminders.mine', { scope: 'assignedByMe' });
    expect(row).toMatchObject({ id: assigned.id, title: '整理项目文档', assigneeId: id('staff1'), assigneeName: '孙浩', createdByName: '陈静' });
    expect(await titles('lead1')).toEqual(['自己的事']); // own reminders stay under "mine" only
    expect(await titles('staff1')).toEqual(['整理项目文档']);
    expect(await titles('staff1', 'mine')).toEqual(['整理项目文档']);
    expect(await titles('staff1', 'assignedByMe')).toEqual([]);
    for (const other of ['staff2', 'hr', 'deputy1']) {
      expect(await titles(other, 'mine'), other).toEqual([]);
      expect(await titles(other, 'assignedByMe'), other).toEqual([]);
    }
    expect(await ok(w.core, w.admin, 'reminders.mine', { scope: 'assignedByMe' })).toEqual([]);

    // Done reminders leave the creator's list too, unless asked for.
    await ok(w.core, token.staff1!, 'reminders.complete', { id: assigned.id });
    expect(await titles('lead1', 'assignedByMe')).toEqual([]);
    const withDone = await ok(w.core, token.lead1!, 'reminders.mine', { scope: 'assignedByMe', includeDone: true });
    expect(withDone.map((r) => [r.title, r.doneAt !== null])).toEqual([['整理项目文档', true]]);
    expect(await fails(w.core, token.lead1!, 'reminders.mine', { scope: 'everyone' })).toMatchObject({ code: 'VALIDATION', fields: { scope: expect.any(String) } });
  });

  /** The assigned-by-me view's query (reminders/repository). */
  const ASSIGNED_BY_ME = 'SELECT * FROM reminders WHERE created_by = ? AND assignee_id <> ? AND done_at IS NULL ORDER BY due_at LIMIT 500';

  // EXPLAIN QUERY PLAN and its wording are SQLite's; the server's plan is checked below.
  itSqlite('reads the assigned-by-me view as a range in its own order, not a scan of every reminder', async () => {
    const { core } = await initialised();
    const plan = (await rows<{ detail: string }>(core, `EXPLAIN QUERY PLAN ${ASSIGNED_BY_ME}`, ['a', 'a'])).map((p) => p.detail).join('; ');
    expect(plan).toMatch(/USING INDEX ix_reminders_created_by_done_at_due_at/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it.skipIf(!onPostgres)('reads the assigned-by-me view as a range of its index on PostgreSQL, not a scan of every reminder', async () => {
    const { core } = await initialised();
    // A new database's tables are tiny, where a scan is cheapest: priced out, the index must serve.
    const plan = await core.db.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return ((await m.query(`EXPLAIN ${ASSIGNED_BY_ME.replace('?', '$1').replace('?', '$2')}`, ['a', 'a'])) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan using ix_reminders_created_by_done_at_due_at/);
    expect(plan).toMatch(/Index Cond: \(\(\(?created_by\)?(::text)? = [^)]+\) AND \(done_at IS NULL\)\)/);
  });

  it('returns what is due: open reminders of the user up to a time', async () => {
    const { w, id, token, at } = await people();
    const create = (title: string, hours: number, assigneeId = id('staff1')) =>
      ok(w.core, token.lead1!, 'reminders.create', { title, dueAt: at(hours), assigneeId });
    await create('overdue', -1);
    await create('soon', 2);
    await create('later', 48);
    const done = await create('done', -2);
    await create('someone else', -1, id('hr'));
    await ok(w.core, token.staff1!, 'reminders.complete', { id: done.id });

    const due = async (until?: string) => (await ok(w.core, token.staff1!, 'reminders.due', until ? { until } : {})).map((r) => `${r.title}${r.overdue ? '!' : ''}`);
    expect(await due()).toEqual(['overdue!']);
    expect(await due(at(2))).toEqual(['overdue!', 'soon']); // up to and including `until`
        expect(await due(at(1))).toEqual(['overdue!']);
    expect((await ok(w.core, token.staff1!, 'home.summary', {})).dueReminders.map((r) => r.title)).toEqual(['overdue', 'soon']);
    w.clock.advance(3 * HOUR);
    expect(await due()).toEqual(['overdue!', 'soon!']);
    expect((await ok(w.core, token.staff1!, 'reminders.mine', { includeDone: true })).map((r) => r.title)).toEqual(['done', 'overdue', 'soon', 'later']);
  });

  it('completes a reminder once, by its assignee or its creator', async () => {
    const { w, id, token, at } = await people();
    const r = await ok(w.core, token.lead1!, 'reminders.create', { title: '回访客户', dueAt: at(1), assigneeId: id('staff1') });
    expect(await fails(w.core, token.staff2!, 'reminders.complete', { id: r.id })).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    const completed = await ok(w.core, token.staff1!, 'reminders.complete', { id: r.id });
    expect(completed.doneAt).toBe(w.clock.now().toISOString());
    const before = await fingerprint(w.core);
    const again = { code: 'INVALID_STATE', message: 'error.reminderAlreadyDone' };
    expect(await fails(w.core, token.staff1!, 'reminders.complete', { id: r.id })).toEqual(again);
    expect(await fails(w.core, token.lead1!, 'reminders.complete', { id: r.id })).toEqual(again);
    expect(await fingerprint(w.core)).toBe(before);
    const other = await ok(w.core, token.lead1!, 'reminders.create', { title: '跟进', dueAt: at(1), assigneeId: id('staff1') });
    expect((await ok(w.core, token.lead1!, 'reminders.complete', { id: other.id })).doneAt).not.toBeNull();
    expect(await fails(w.core, token.staff1!, 'reminders.complete', { id: crypto.randomUUID() })).toEqual({ code: 'NOT_FOUND', message: 'error.notFound' });
  });
});

describe('notifications', () => {
  it('lists the own inbox newest first, pages it and marks items read', async () => {
    const { w, id, token, at } = await people();
    const events: CoreEvent[] = [];
    w.core.on((e) => events.push(e));
    for (const title of ['一', '二', '三']) {
      await ok(w.core, token.lead1!, 'reminders.create', { title, dueAt: at(1), assigneeId: id('staff1') });
      w.clock.advance(60_000);
    }
    await ok(w.core, token.lead1!, 'reminders.create', { title: '给人事', dueAt: at(1), assigneeId: id('hr') });
    expect(events).toContainEqual({ type: 'inbox', userIds: [id('staff1')] });

    const page1 = await ok(w.core, token.staff1!, 'notifications.list', { pageSize: 2 });
    expect(page1.total).toBe(3);
    expect(page1.rows.map((n) => n.params.title)).toEqual(['三', '二']);
    const page2 = await ok(w.core, token.staff1!, 'notifications.list', { pageSize: 2, page: 2 });
    expect(page2.rows.map((n) => n.params.title)).toEqual(['一']);
    expect((await ok(w.core, token.staff1!, 'notifications.list', { sortField: 'createdAt', sortOrder: 'asc' })).rows[0]!.params.title).toBe('一');

    const hrNotice = (await ok(w.core, token.hr!, 'notifications.list', {})).rows[0]!;
    expect(await ok(w.core, token.staff1!, 'notifications.markRead', { ids: [page1.rows[0]!.id, hrNotice.id] })).toEqual({ updated: 1 });
    expect(await ok(w.core, token.staff1!, 'notifications.markRead', { ids: [page1.rows[0]!.id] })).toEqual({ updated: 0 });
    expect((await ok(w.core, token.hr!, 'notifications.list', { unreadOnly: true })).total).toBe(1); // someone else's stays unread
    expect((await ok(w.core, token.staff1!, 'notifications.list', { unreadOnly: true })).rows.map((n) => n.params.title)).toEqual(['二', '一']);
    expect(await ok(w.core, token.staff1!, 'notifications.markRead', { all: true })).toEqual({ updated: 2 });
    expect((await ok(w.core, token.staff1!, 'home.summary', {})).counts.unreadNotifications).toBe(0);
    expect((await ok(w.core, token.staff1!, 'notifications.list', {})).rows.every((n) => n.readAt === w.clock.now().toISOString())).toBe(true);
  });
});

describe('timeline', () => {
  it('keeps comments on a record, newest first, for everyone who may read it', async () => {
    const { w, token } = await people();
    await ok(w.core, token.staff1!, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body: '已提交材料' });
    w.clock.advance(1000);
    const entry = await ok(w.core, token.hr!, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body: '  已审核  ' });
    expect(entry).toMatchObject({ kind: 'comment', body: '已审核', authorName: '邓倩', at: w.clock.now().toISOString() });
    const list = await ok(w.core, token.lead1!, 'timeline.list', { entity: 'employee', recordId: w.employeeId });
    expect(list.map((t) => [t.kind, t.body, t.authorName])).toEqual([
      ['comment', '已审核', '邓倩'],
      ['comment', '已提交材料', '孙浩'],
      ['created', null, null], // the demo data was made during setup, by nobody yet
    ]);
    expect(await count(w.core, 'audit_log', "action = 'comment' AND record_id = ?", [w.employeeId])).toBe(2);
    expect(await fails(w.core, token.staff1!, 'timeline.comment', { entity: 'employee', recordId: crypto.randomUUID(), body: 'x' })).toEqual({
      code: 'NOT_FOUND',
      message: 'error.notFound',
    });
    const hrUserId = (await ok(w.core, token.hr!, 'auth.me', {})).user.id;
    expect((await fails(w.core, token.staff1!, 'timeline.list', { entity: 'user', recordId: hrUserId })).code).toBe('FORBIDDEN');
    expect(await ok(w.core, token.hr!, 'timeline.list', { entity: 'user', recordId: hrUserId })).toEqual([]);
  });
});

describe('attachments', () => {
  it('stores uploads once per content, downloads the same bytes, and archives', async () => {
    const { w, token } = await people();
    const bytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256));
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    const target = { entity: 'employee' as const, recordId: w.employeeId };
    const first = await ok(w.core, token.hr!, 'attachments.upload', { ...target, file: upload('劳动合同.pdf', bytes) });
    expect(first).toMatchObject({ fileName: '劳动合同.pdf', mimeType: 'application/pdf', size: 1024, sha256: sha, createdByName: '邓倩' });
    const second = await ok(w.core, w.admin, 'attachments.upload', { ...target, file: upload('copy.bin', bytes) });
    expect(second.sha256).toBe(sha);
    expect(second.mimeType).toBe('application/octet-stream');

    const dir = path.join(w.core.info.paths.attachmentsDir, sha.slice(0, 2));
    expect(fs.readdirSync(dir)).toEqual([sha]); // one file, no temporary leftovers
    expect(fs.readFileSync(path.join(dir, sha)).equals(bytes)).toBe(true);
    expect((await ok(w.core, token.lead1!, 'attachments.list', target)).map((a) => a.fileName).sort()).toEqual(['copy.bin', '劳动合同.pdf']);

    const download = await ok(w.core, token.staff1!, 'attachments.download', { id: first.id });
    expect(download).toMatchObject({ fileName: '劳动合同.pdf', mimeType: 'application/pdf' });
    expect(Buffer.from(download.contentBase64, 'base64').equals(bytes)).toBe(true);
    const timeline = await ok(w.core, w.admin, 'timeline.list', target);
    expect(timeline.filter((t) => t.kind === 'attachment').map((t) => t.body)).toEqual(['copy.bin', '劳动合同.pdf']);

    // deputy1 may write 项目运营组 records, but archiving is for the uploader or an administrator.
    expect(await fails(w.core, token.deputy1!, 'attachments.archive', { id: first.id })).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    await ok(w.core, token.hr!, 'attachments.archive', { id: first.id });
    expect((await ok(w.core, token.hr!, 'attachments.list', target)).map((a) => a.id)).toEqual([second.id]);
    expect(await fails(w.core, token.hr!, 'attachments.download', { id: first.id })).toEqual({ code: 'NOT_FOUND', message: 'error.notFound' });
    expect(fs.existsSync(path.join(dir, sha))).toBe(true); // archived, never deleted: the other record still uses it
  });

  it('refuses to hand out a blob whose bytes no longer match their hash', async () => {
    const { w } = await people();
    const a = await ok(w.core, w.admin, 'attachments.upload', { entity: 'employee', recordId: w.employeeId, file: upload('a.txt', '原始内容') });
    const file = path.join(w.core.info.paths.attachmentsDir, a.sha256.slice(0, 2), a.sha256);
    fs.writeFileSync(file, '被改过的内容');
    const missing = { code: 'INTERNAL', message: 'error.attachmentMissing' };
    expect(await fails(w.core, w.admin, 'attachments.download', { id: a.id })).toEqual(missing);
    fs.rmSync(file);
    expect(await fails(w.core, w.admin, 'attachments.download', { id: a.id })).toEqual(missing);
  });

  it('checks the record and the file before storing anything', async () => {
    const { w, token } = await people();
    const before = await fingerprint(w.core);
    expect(await fails(w.core, w.admin, 'attachments.upload', { entity: 'employee', recordId: w.employeeId, file: upload('empty.txt', '') })).toEqual({
      code: 'VALIDATION',
      message: 'error.validation',
      fields: { file: 'validation.emptyFile' },
    });
    // Staff may read employee records but not change them.
    expect((await fails(w.core, token.staff1!, 'attachments.upload', { entity: 'employee', recordId: w.employeeId, file: upload('a.txt', 'x') })).code).toBe(
      'FORBIDDEN',
    );
    expect(await fingerprint(w.core)).toBe(before);
    expect(fs.existsSync(w.core.info.paths.attachmentsDir)).toBe(false);
    const own = (await ok(w.core, token.staff1!, 'auth.me', {})).user.id;
    expect((await ok(w.core, token.staff1!, 'attachments.upload', { entity: 'user', recordId: own, file: upload('证书.png', 'png') })).mimeType).toBe('image/png');
  });
});
