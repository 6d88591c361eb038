import { describe, expect, it } from 'vitest';
import { fails, fingerprint, ok } from './support/harness.js';
import { demoWorld, newEmployee, newGroup, newPosition, updateInput } from './support/world.js';

/**
 * Two people editing one record (issue 8): each form saves with the version it was filled from; a
 * save made from an older version than the stored one is refused with CONFLICT and writes nothing,
 * instead of silently undoing the other person's change. A call without a version (a script
 * written before versions) overwrites as it always did.
 */
describe('record versions: edits made at once do not overwrite each other', () => {
  it('refuses an employee save made from an older version, and writes nothing', async () => {
    const w = await demoWorld();
    const e = await newEmployee(w);
    expect(e.version).toBe(1);
    const first = await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(e), name: '第一位的修改', version: e.version });
    expect(first.version).toBe(2);
    const before = await fingerprint(w.core);
    const stale = await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(e), name: '第二位的修改', version: e.version });
    expect(stale).toMatchObject({ code: 'CONFLICT', message: 'error.editedMeanwhile', params: { version: 2 } });
    expect(await fingerprint(w.core)).toBe(before);
    expect((await ok(w.core, w.admin, 'org.employees.get', { id: e.id })).name).toBe('第一位的修改');
    // Reopened, the form has the new version and saves.
    expect((await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(first), name: '第二位的修改', version: first.version })).version).toBe(3);
  });

  it('counts archive and restore as edits, and lets a save without a version overwrite', async () => {
    const w = await demoWorld();
    const e = await newEmployee(w);
    await ok(w.core, w.admin, 'org.employees.archive', { id: e.id });
    const restored = await ok(w.core, w.admin, 'org.employees.restore', { id: e.id });
    expect(restored.version).toBe(3);
    expect(await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(e), version: 1 })).toMatchObject({ code: 'CONFLICT', message: 'error.editedMeanwhile' });
    const { version: _omitted, ...withoutVersion } = { ...updateInput(e), name: '脚本的修改', version: undefined };
    expect((await ok(w.core, w.admin, 'org.employees.update', withoutVersion)).version).toBe(4);
  });

  it('does not raise the version of a save that changes nothing', async () => {
    const w = await demoWorld();
    const e = await newEmployee(w);
    expect((await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(e), version: 1 })).version).toBe(1);
  });

  it('refuses group and position saves made from an older version', async () => {
    const w = await demoWorld();
    const g = await newGroup(w);
    const g2 = await ok(w.core, w.admin, 'org.groups.update', { id: g.id, name: `${g.name}甲`, leadEmployeeId: null, version: g.version });
    expect(g2.version).toBe(g.version + 1);
    expect(await fails(w.core, w.admin, 'org.groups.update', { id: g.id, name: `${g.name}乙`, leadEmployeeId: null, version: g.version })).toMatchObject({ code: 'CONFLICT', message: 'error.editedMeanwhile' });
    const p = await newPosition(w);
    const p2 = await ok(w.core, w.admin, 'org.positions.update', { id: p.id, title: `${p.title}甲`, level: 3, version: p.version });
    expect(p2.version).toBe(p.version + 1);
    expect(await fails(w.core, w.admin, 'org.positions.update', { id: p.id, title: `${p.title}乙`, level: 3, version: p.version })).toMatchObject({ code: 'CONFLICT', message: 'error.editedMeanwhile' });
    expect((await ok(w.core, w.admin, 'org.positions.list', {})).find((x) => x.id === p.id)?.title).toBe(`${p.title}甲`);
  });

  it('keeps the edit count out of the audit log', async () => {
    const w = await demoWorld();
    const e = await newEmployee(w);
    await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(e), name: '改名', version: 1 });
    const page = await ok(w.core, w.admin, 'audit.list', { entity: 'employee', recordId: e.id });
    // The rows are there with their before/after, and neither names the edit count.
    expect(page.rows.find((r) => r.action === 'update')?.after).toMatchObject({ name: '改名' });
    expect(page.rows.find((r) => r.action === 'create')?.after).toMatchObject({ name: e.name });
    expect(JSON.stringify(page.rows.map((r) => [r.before, r.after]))).not.toContain('"version"');
    const g = await newGroup(w);
    await ok(w.core, w.admin, 'org.groups.update', { id: g.id, name: `${g.name}改`, leadEmployeeId: null, version: g.version });
    const groupRows = (await ok(w.core, w.admin, 'audit.list', { entity: 'group', recordId: g.id })).rows;
    expect(groupRows.find((r) => r.action === 'update')?.after).toMatchObject({ name: `${g.name}改` });
    expect(JSON.stringify(groupRows.map((r) => [r.before, r.after]))).not.toContain('"version"');
  });
});
