import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, fails, fingerprint, ok } from './support/harness.js';
import { demoWorld, employeeFields, newEmployee, updateInput, type World } from './support/world.js';

/** Calls `method` expecting VALIDATION, checks nothing was written, and returns the fields map. */
async function rejected(w: World, method: Parameters<typeof fails>[2], input: unknown): Promise<Record<string, string>> {
  const before = await fingerprint(w.core);
  const error = await fails(w.core, w.admin, method, input);
  expect(error.code).toBe('VALIDATION');
  expect(error.message).toBe('error.validation');
  expect(await fingerprint(w.core)).toBe(before);
  return error.fields ?? {};
}

describe('input validation', () => {
  it('names the missing, unknown and malformed fields of an employee with i18n keys', async () => {
    const w = await demoWorld();
    const { employeeNo: _no, ...withoutNo } = employeeFields(w);
    expect(await rejected(w, 'org.employees.create', withoutNo)).toEqual({ employeeNo: 'validation.required' });
    expect(await rejected(w, 'org.employees.create', { ...employeeFields(w), isAdmin: true })).toEqual({ isAdmin: 'validation.unknownField' });
    expect(await rejected(w, 'org.employees.create', { ...employeeFields(w), hireDate: '2025-02-29' })).toEqual({ hireDate: 'validation.invalidDate' });
    expect(await rejected(w, 'org.employees.create', { ...employeeFields(w), hireDate: '2025/03/01' })).toEqual({ hireDate: 'validation.invalidDate' });
    expect(
      await rejected(w, 'org.employees.create', { ...employeeFields(w), name: '  ', gender: 'x', phone: 'call me', email: 'a@', groupId: 'not-an-id' }),
    ).toEqual({
      name: 'validation.required',
      gender: 'validation.required',
      phone: 'validation.invalidPhone',
      email: 'validation.invalidEmail',
      groupId: 'validation.invalidId',
    });
    // A leap day that exists is fine.
    expect((await ok(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), hireDate: '2024-02-29' })).hireDate).toBe('2024-02-29');
  });

  it('reports nested paths, cross-field rules and rules that depend on stored data', async () => {
    const w = await demoWorld();
    expect(
      await rejected(w, 'attachments.upload', { entity: 'employee', recordId: w.employeeId, file: { contentBase64: 'aGk=' } }),
    ).toEqual({ 'file.fileName': 'validation.required' });
    expect(
      await rejected(w, 'attachments.upload', { entity: 'employee', recordId: w.employeeId, file: { fileName: 'a.txt', contentBase64: 'not base64!' } }),
    ).toEqual({ 'file.contentBase64': 'validation.invalidFile' });
    expect(await rejected(w, 'reminders.create', { title: '提醒', dueAt: '2026-03-03T00:00:00Z', entity: 'employee' })).toEqual({
      recordId: 'validation.recordRefIncomplete',
    });
    expect(await rejected(w, 'reminders.create', { title: '提醒', dueAt: '2025-02-29T10:00:00Z' })).toEqual({ dueAt: 'validation.invalidDateTime' });
    expect(await rejected(w, 'users.create', { username: 'a b', displayName: 'x', password: 'password', roles: [] })).toEqual({
      username: 'validation.invalidUsername',
      password: 'validation.passwordCommon',
      roles: 'validation.rolesRequired',
    });
    expect(await rejected(w, 'users.create', { username: 'ab', displayName: 'x', password: 'a1', roles: ['boss'] })).toEqual({
      password: 'validation.passwordTooShort',
      'roles.0': 'validation.invalidRole',
    });
    const e = await newEmployee(w);
    expect(await rejected(w, 'org.employees.update', { ...updateInput(e), status: 'left', leftDate: '' })).toEqual({ leftDate: 'validation.required' });
    expect(await rejected(w, 'org.employees.update', { ...updateInput(e), status: 'left', leftDate: '2020-01-01' })).toEqual({
      leftDate: 'validation.leftBeforeHire',
    });
    expect(await rejected(w, 'org.employees.update', { ...updateInput(e), managerId: e.id })).toEqual({ managerId: 'validation.managerIsSelf' });
  });

  it('names unknown keys that look like JavaScript internals as fields of their own', async () => {
    const w = await demoWorld();
    const input = JSON.parse('{"name": "新小组", "__proto__": {"isAdmin": true}, "constructor": 1, "toString": "x"}') as unknown;
    const fields = await rejected(w, 'org.groups.create', input);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.values(fields)).toEqual(['validation.unknownField', 'validation.unknownField', 'validation.unknownField']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('refuses inputs that are not objects', async () => {
    const w = await demoWorld();
    for (const input of [null, undefined, 'text', 42, [], [{ name: 'x' }]]) {
      expect(await rejected(w, 'org.groups.create', input)).toEqual({ _root: expect.stringMatching(/^validation\./) });
    }
    expect(await fails(w.core, w.admin, 'no.suchMethod' as 'auth.me', {})).toEqual({ code: 'NOT_FOUND', message: 'error.unknownMethod' });
  });

  it('handles boundary strings: empty, 256 and 10^6 characters, NUL bytes', async () => {
    const w = await demoWorld();
    const s256 = '长'.repeat(256);
    const huge = 'x'.repeat(1_000_000);
    expect(await rejected(w, 'org.groups.create', { name: '' })).toEqual({ name: 'validation.required' });
    expect(await rejected(w, 'org.groups.create', { name: s256 })).toEqual({ name: 'validation.tooLong' });
    expect(await rejected(w, 'org.department.update', { name: huge })).toEqual({ name: 'validation.tooLong' });
    expect(await rejected(w, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body: huge })).toEqual({ body: 'validation.tooLong' });
    expect((await fails(w.core, w.admin, 'org.employees.list', { search: huge })).fields).toEqual({ search: 'validation.tooLong' });
    expect(await rejected(w, 'org.groups.create', { name: 'a\u0000b' })).toEqual({ name: 'validation.invalidCharacters' });
    expect(await rejected(w, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body: '\u0000' })).toEqual({
      body: 'validation.invalidCharacters',
    });
    // At the limit, a 256-character description and a 5,000-character comment are stored whole.
    const group = await ok(w.core, w.admin, 'org.groups.create', { name: '长'.repeat(50), description: s256, leadEmployeeId: null });
    expect((await ok(w.core, w.admin, 'org.groups.list', {})).find((g) => g.id === group.id)?.description).toBe(s256);
    const body = '评'.repeat(5000);
    await ok(w.core, w.admin, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body });
    expect((await ok(w.core, w.admin, 'timeline.list', { entity: 'employee', recordId: w.employeeId }))[0]!.body).toBe(body);
  });

  it('refuses NaN, infinities, fractions and 2^53+1 where integers are expected', async () => {
    const w = await demoWorld();
    for (const level of [NaN, Infinity, 1.5, 2 ** 53 + 1, -1, 0, 21, '4']) {
      const fields = await rejected(w, 'org.positions.create', { title: '岗位', level });
      expect(Object.keys(fields)).toEqual(['level']);
    }
    for (const page of [NaN, 2 ** 53 + 1, 0]) {
      expect((await fails(w.core, w.admin, 'org.employees.list', { page })).fields).toEqual({ page: expect.stringMatching(/^validation\./) });
    }
    expect((await fails(w.core, w.admin, 'org.employees.list', { pageSize: 201 })).fields).toEqual({ pageSize: 'validation.tooBig' });
  });

  it('stores SQL-injection text exactly as typed and matches it literally', async () => {
    const w = await demoWorld();
    const name = "Robert'); DROP TABLE org_employees;--";
    const description = `"; DELETE FROM users; -- ' OR '1'='1`;
    const e = await ok(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), name });
    expect((await ok(w.core, w.admin, 'org.employees.get', { id: e.id })).name).toBe(name);
    const g = await ok(w.core, w.admin, 'org.groups.create', { name: "x' OR 1=1 --", description, leadEmployeeId: null });
    expect(g.description).toBe(description);
    await ok(w.core, w.admin, 'timeline.comment', { entity: 'employee', recordId: e.id, body: description });
    expect((await ok(w.core, w.admin, 'timeline.list', { entity: 'employee', recordId: e.id }))[0]!.body).toBe(description);
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: "' OR 1=1 --" })).total).toBe(0);
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: 'DROP TABLE' })).rows.map((r) => r.name)).toEqual([name]);
    expect((await ok(w.core, w.admin, 'org.employees.list', {})).total).toBe(26);
    expect((await ok(w.core, w.admin, 'users.list', { search: "'; --" })).total).toBe(0);
  });

  it('refuses names made only of invisible characters, and lone surrogates or control characters in any text', async () => {
    const w = await demoWorld();
    // Zero-width space, RTL override, joiners, bidi isolates, Hangul filler, grapheme joiner, Mongolian vowel separator.
    for (const name of ['\u200b', '\u202e', '\u200b\u200c\u200d', '\u2066\u2069', '\u3164', '\u034f', '\u180e', ' \u200b\u202e ']) {
      expect(await rejected(w, 'org.groups.create', { name }), JSON.stringify(name)).toEqual({ name: 'validation.invisibleOnly' });
    }
    expect(await rejected(w, 'users.create', { username: 'ghost', displayName: '\u200b', password: 'Ghost-in-9-shell', roles: ['staff'] })).toEqual({
      displayName: 'validation.invisibleOnly',
    });
    expect(await rejected(w, 'org.employees.create', { ...employeeFields(w), name: '\u202e\u200f' })).toEqual({ name: 'validation.invisibleOnly' });
    expect(await rejected(w, 'org.department.update', { name: '\u2060' })).toEqual({ name: 'validation.invisibleOnly' });
    // A lone surrogate would be stored as U+FFFD: refused instead, like NUL and other control characters.
    for (const name of ['王\ud800明', '\udc00', 'a\u0007b', 'a\u009bb']) {
      expect(await rejected(w, 'org.groups.create', { name }), JSON.stringify(name)).toEqual({ name: 'validation.invalidCharacters' });
    }
    expect(await rejected(w, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body: 'ok \ud83d' })).toEqual({ body: 'validation.invalidCharacters' });
    expect(await rejected(w, 'org.groups.create', { name: '组', description: '\u200b' })).toEqual({ description: 'validation.invisibleOnly' });
    // A username tried at sign-in is audited: it cannot carry a lone surrogate or NUL either.
    expect((await fails(w.core, null, 'auth.login', { username: 'admin\ud800', password: 'x' })).fields).toEqual({ username: 'validation.invalidCharacters' });
    // Visible names that contain invisible characters are kept exactly: an emoji ZWJ sequence, Arabic, a comment over lines.
    const kept = ['👩\u200d💻 小组', 'فريق الدعم', '王\u00b7小明'];
    for (const name of kept) expect((await ok(w.core, w.admin, 'org.groups.create', { name, leadEmployeeId: null })).name).toBe(name);
    const body = '第一行\n第二行\t缩进';
    await ok(w.core, w.admin, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body });
    expect((await ok(w.core, w.admin, 'timeline.list', { entity: 'employee', recordId: w.employeeId }))[0]!.body).toBe(body);
  });

  it('refuses weak passwords with the reason, next to the field', async () => {
    const w = await demoWorld();
    const create = (password: string, extra: Record<string, unknown> = {}) =>
      rejected(w, 'users.create', { username: 'zhouming', displayName: '周明', password, roles: ['staff'], ...extra });
    expect(await create('password1')).toEqual({ password: 'validation.passwordCommon' });
    expect(await create('aaaaaaa1')).toEqual({ password: 'validation.passwordRepeated' });
    expect(await create('a       ')).toEqual({ password: 'validation.passwordRepeated' });
    expect(await create('Strong-but\u0000-nul-9')).toEqual({ password: 'validation.invalidCharacters' });
    expect(await create('Strong-\ud800-lone-9')).toEqual({ password: 'validation.invalidCharacters' });
    expect(await create('Abc-12')).toEqual({ password: 'validation.passwordTooShort' });
    expect(await create('woaini1314')).toEqual({ password: 'validation.passwordCommon' });
    expect(await create('abcdefgh12345')).toEqual({ password: 'validation.passwordSequence' });
    expect(await create('zxcvbnm,./')).toEqual({ password: 'validation.passwordKeyboard' });
    // Built on the account's own name (username, display name in pinyin) or the department's.
    expect(await create('zhouming2024')).toEqual({ password: 'validation.passwordPersonal' });
    expect(await create('Zhouming88')).toEqual({ password: 'validation.passwordPersonal' });
    expect(await create('yunyingbu2026')).toEqual({ password: 'validation.passwordPersonal' });
    // Several problems of one call come back together.
    expect(await create('password1', { username: 'a b', displayName: '\u200b' })).toEqual({
      username: 'validation.invalidUsername',
      displayName: 'validation.invisibleOnly',
      password: 'validation.passwordCommon',
    });
    // The same rule for a password reset, a change of one's own password and the first administrator.
    const user = await ok(w.core, w.admin, 'users.create', { username: 'zhouming', displayName: '周明', password: 'Temp-pass-1', roles: ['staff'] });
    expect(await rejected(w, 'users.resetPassword', { id: user.id, newPassword: 'zhouming123' })).toEqual({ newPassword: 'validation.passwordPersonal' });
    expect(await rejected(w, 'users.resetPassword', { id: user.id, newPassword: '12345678' })).toEqual({ newPassword: 'validation.passwordCommon' });
    const before = await fingerprint(w.core);
    const error = await fails(w.core, w.admin, 'auth.changePassword', { currentPassword: DEMO_PASSWORD, newPassword: 'yunyingbu2026' });
    expect(error.fields).toEqual({ newPassword: 'validation.passwordPersonal' });
    expect(await fingerprint(w.core)).toBe(before);
    // Long, unusual passphrases pass.
    for (const password of ['Correct horse 1', 'Ops-desk-2026!', '雨后的青石板路-7']) {
      await ok(w.core, w.admin, 'users.resetPassword', { id: user.id, newPassword: password });
    }
  });

  it('refuses weak backup passwords, such as eight identical letters', async () => {
    const w = await demoWorld();
    expect(await rejected(w, 'backup.create', { password: 'aaaaaaaa' })).toEqual({ password: 'validation.passwordRepeated' });
    expect(await rejected(w, 'backup.create', { password: 'password1' })).toEqual({ password: 'validation.passwordCommon' });
    expect(await rejected(w, 'backup.create', { password: 'bad\u0000one-9Q' })).toEqual({ password: 'validation.invalidCharacters' });
  });
});
