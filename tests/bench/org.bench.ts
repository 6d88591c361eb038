import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { dataset, signIn, type Dataset, type DatasetName } from './dataset/department.js';
import { compare } from './harness/measure.js';
import { BenchReport } from './harness/report.js';

/**
 * The organisation module's calls through core.call (validation, session, permission,
 * transaction and audit included), each beside the same SQL work done with raw better-sqlite3
 * prepared statements on the same connection, interleaved in one run: 1,000, 5,000 and 20,000
 * employees with 100,000 audit and timeline rows (tests/bench/dataset). Target (issue 7): core
 * median <= 1.5 x raw + 0.15 ms for every read and single-record write.
 */
const SIZES = (process.env.OPSDESK_BENCH_ORG_SIZES ?? 'org1k,org5k,org20k').split(',') as DatasetName[];

async function must<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

const LIST_COLUMNS = `e.id, e.employee_no, e.name, e.gender, e.position_id, p.title AS position_title, e.group_id, g.name AS group_name,
  e.manager_id, m.name AS manager_name, e.hire_date, e.phone, e.email, e.status, e.left_date, e.archived_at`;
const LIST_FROM = `FROM org_employees e LEFT JOIN org_groups g ON g.id = e.group_id LEFT JOIN org_positions p ON p.id = e.position_id
  LEFT JOIN org_employees m ON m.id = e.manager_id`;

for (const size of SIZES) {
  describe(`organisation (${size})`, () => {
    let data: Dataset;
    let core: Core;
    let token: string;
    let someId: string;
    let groupId: string;
    const report = new BenchReport(`organisation, ${size}`);

    beforeAll(async () => {
      data = await dataset(size);
      core = await data.open();
      token = await signIn(core);
      const raw = core.db.raw;
      const row = raw.prepare("SELECT id, group_id FROM org_employees WHERE archived_at IS NULL AND status = 'active' AND group_id IS NOT NULL ORDER BY employee_no LIMIT 1 OFFSET 7").get() as { id: string; group_id: string };
      someId = row.id;
      groupId = row.group_id;
      report.note(`${(raw.prepare('SELECT COUNT(*) AS n FROM org_employees').get() as { n: number }).n} employees, ${(raw.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n} audit rows`);
    });

    afterAll(async () => {
      report.finish();
      await core?.close();
      data?.dispose();
    });

    test('reads', async () => {
      const raw = core.db.raw;
      const page = raw.prepare(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE e.archived_at IS NULL ORDER BY e.employee_no, e.id LIMIT 20 OFFSET 0`);
      const count = raw.prepare('SELECT COUNT(*) AS n FROM org_employees e WHERE e.archived_at IS NULL');
      report.add(await compare('employees.list: first page of 20 with total', () => must(core.call('org.employees.list', { pageSize: 20 }, { token })), () => [page.all(), count.get()]));

      const byGroup = raw.prepare(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE e.archived_at IS NULL AND e.group_id = ? ORDER BY e.employee_no, e.id LIMIT 20 OFFSET 0`);
      const countGroup = raw.prepare('SELECT COUNT(*) AS n FROM org_employees e WHERE e.archived_at IS NULL AND e.group_id = ?');
      report.add(await compare('employees.list: one group, first page with total', () => must(core.call('org.employees.list', { groupId }, { token })), () => [byGroup.all(groupId), countGroup.get(groupId)]));

      const byName = raw.prepare(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE e.archived_at IS NULL ORDER BY e.name_pinyin DESC, e.id DESC LIMIT 20 OFFSET 0`);
      report.add(await compare('employees.list: sorted by name (pinyin), first page with total', () => must(core.call('org.employees.list', { sortField: 'name', sortOrder: 'desc' }, { token })), () => [byName.all(), count.get()]));

      const search = raw.prepare(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE e.archived_at IS NULL AND (e.name LIKE ? ESCAPE '\\' OR e.employee_no LIKE ? ESCAPE '\\' OR e.phone LIKE ? ESCAPE '\\' OR e.email LIKE ? ESCAPE '\\') ORDER BY e.employee_no, e.id LIMIT 20 OFFSET 0`);
      const searchCount = raw.prepare(`SELECT COUNT(*) AS n FROM org_employees e WHERE e.archived_at IS NULL AND (e.name LIKE ? ESCAPE '\\' OR e.employee_no LIKE ? ESCAPE '\\' OR e.phone LIKE ? ESCAPE '\\' OR e.email LIKE ? ESCAPE '\\')`);
      const s = '%王%';
      report.add(await compare('employees.list: search 王 with total', () => must(core.call('org.employees.list', { search: '王' }, { token })), () => [search.all(s, s, s, s), searchCount.get(s, s, s, s)]));

      const detail = raw.prepare(`SELECT ${LIST_COLUMNS}, p.duties, e.created_at, e.updated_at ${LIST_FROM} WHERE e.id = ?`);
      const reports = raw.prepare('SELECT id, name, employee_no FROM org_employees WHERE manager_id = ? AND archived_at IS NULL ORDER BY employee_no');
      const managed = raw.prepare('SELECT g.id, g.name FROM org_deputy_groups d JOIN org_groups g ON g.id = d.group_id WHERE d.employee_id = ?');
      const account = raw.prepare('SELECT id, username FROM users WHERE employee_id = ?');
      report.add(await compare('employees.get: detail', () => must(core.call('org.employees.get', { id: someId }, { token })), () => [detail.get(someId), reports.all(someId), managed.all(someId), account.get(someId)]));

      const auditPage = raw.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 20 OFFSET 0');
      const auditCount = raw.prepare('SELECT COUNT(*) AS n FROM audit_log');
      report.add(await compare('audit.list: first page with total', () => must(core.call('audit.list', {}, { token })), () => [auditPage.all(), auditCount.get()]));

      // The chart's first answer: the roots and their reports, each with its count of reports.
      const node = `SELECT e.id, e.name, p.title, g.name AS group_name, (SELECT COUNT(*) FROM org_employees r WHERE r.manager_id = e.id AND r.archived_at IS NULL AND r.status = 'active') AS reports
        FROM org_employees e LEFT JOIN org_positions p ON p.id = e.position_id LEFT JOIN org_groups g ON g.id = e.group_id`;
      const roots = raw.prepare(`${node} WHERE e.archived_at IS NULL AND e.status = 'active' AND (e.manager_id IS NULL OR NOT EXISTS (SELECT 1 FROM org_employees m WHERE m.id = e.manager_id AND m.archived_at IS NULL AND m.status = 'active')) ORDER BY COALESCE(p.level, 99), e.employee_no`);
      const reportsOf = raw.prepare(`${node} WHERE e.archived_at IS NULL AND e.status = 'active' AND e.manager_id = ? ORDER BY e.employee_no`);
      const firstLevels = () => (roots.all() as { id: string; reports: number }[]).map((r) => (r.reports ? reportsOf.all(r.id) : []));
      report.add(await compare('org.chart: roots and their reports', () => must(core.call('org.chart', {}, { token })), firstLevels, { iterations: 20, warmup: 2 }));
      const lead = (roots.all() as { id: string }[])[0]!.id;
      report.add(await compare('org.chart.reports: one level', () => must(core.call('org.chart.reports', { managerId: lead }, { token })), () => reportsOf.all(lead)));
    });

    test('a single-record write (synchronous=FULL)', async () => {
      const raw = core.db.raw;
      const d = await must<Record<string, unknown>>(core.call('org.employees.get', { id: someId }, { token }));
      let n = 0;
      const select = raw.prepare('SELECT * FROM org_employees WHERE id = ?');
      const taken = raw.prepare('SELECT id FROM org_employees WHERE LOWER(employee_no) = LOWER(?) AND id <> ?');
      const update = raw.prepare('UPDATE org_employees SET phone = ?, updated_at = ? WHERE id = ?');
      const timeline = raw.prepare('INSERT INTO timeline_entries (id, entity, record_id, kind, author_id, at, body, changes_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const head = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      const audit = raw.prepare(
        'INSERT INTO audit_log (id, seq, at, user_id, username, method, entity, record_id, record_label, action, before_json, after_json, prev_hash, hash, chain) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)',
      );
      const rawUpdate = raw.transaction((phone: string) => {
        const before = select.get(someId) as Record<string, unknown>;
        taken.get(before.employee_no, someId);
        const at = new Date().toISOString();
        update.run(phone, at, someId);
        timeline.run(crypto.randomUUID(), 'employee', someId, 'fields', null, at, null, JSON.stringify([{ field: 'phone', from: before.phone, to: phone }]));
        const last = head.get() as { seq: number; hash: string };
        const after = JSON.stringify({ ...before, phone });
        const hash = crypto.createHmac('sha256', 'k').update(last.hash).update(after).digest('hex');
        audit.run(crypto.randomUUID(), last.seq + 1, at, 'admin', 'org.employees.update', 'employee', someId, String(before.name), 'update', JSON.stringify(before), after, last.hash, hash);
      });
      const input = { id: someId, employeeNo: d.employeeNo, name: d.name, gender: d.gender, positionId: d.positionId, groupId: d.groupId, managerId: d.managerId, hireDate: d.hireDate, email: d.email ?? '', status: 'active' };
      report.add(
        await compare(
          'employees.update: one field, with timeline and audit',
          () => must(core.call('org.employees.update', { ...input, phone: `1390000${String(++n).padStart(4, '0')}` }, { token })),
          () => rawUpdate(`1380000${String(n).padStart(4, '0')}`),
          { iterations: 100, warmup: 10 },
        ),
      );
    });
  });
}
