import { describe, expect, it } from 'vitest';
import { passwordProblem, userInputs } from '../../shared/domain/passwords.js';

const zhouMing = { username: 'zhouming', displayName: '周明', departmentName: '运营部' };

describe('password rule (shared by the core and the forms)', () => {
  it('names the reason a password is refused', () => {
    const cases: [string, string][] = [
      ['password1', 'validation.passwordCommon'],
      ['12345678', 'validation.passwordCommon'],
      ['Qq123456', 'validation.passwordCommon'],
      ['woaini1314', 'validation.passwordCommon'],
      ['5201314abc', 'validation.passwordCommon'],
      ['aaaaaaa1', 'validation.passwordRepeated'],
      ['a       ', 'validation.passwordRepeated'],
      ['aaaaaaaa', 'validation.passwordRepeated'],
      ['abcdefgh12345', 'validation.passwordSequence'],
      ['zxcvbnm,./', 'validation.passwordKeyboard'],
      ['19900101', 'validation.passwordDate'],
      ['Abc-12', 'validation.passwordTooShort'],
      ['密码太短了', 'validation.passwordTooShort'],
      ['Strong\u0000-pass-9', 'validation.invalidCharacters'],
      ['Strong\u001b-pass-9', 'validation.invalidCharacters'],
      ['Strong-\ud800-pass-9', 'validation.invalidCharacters'],
    ];
    expect(cases.map(([p]) => [p, passwordProblem(p)])).toEqual(cases);
  });

  it('scores a password built on the person or the department low', () => {
    for (const p of ['zhouming2024', 'Zhouming88', 'zhouming123', 'yunyingbu2026']) expect(passwordProblem(p, zhouMing), p).toBe('validation.passwordPersonal');
    // Without that context the same password is fine: the rule is about who uses it.
    expect(passwordProblem('zhouming2024')).toBeNull();
    expect(passwordProblem('wangxiaoming1990', { displayName: '王小明' })).toBe('validation.passwordPersonal');
    expect(userInputs({ username: 'zhou.ming', displayName: '王小明', departmentName: '富力运营部' })).toEqual(
      expect.arrayContaining(['zhou.ming', 'zhou', 'ming', 'wangxiaoming', 'wang', 'xiaoming', 'wangxm', 'wxm', 'fuliyunyingbu']),
    );
  });

  it('accepts long or unusual passwords, including the ones the tests and the demo use', () => {
    for (const p of ['Correct horse 1', 'Ops-desk-2026!', '雨后的青石板路-7', 'Admin-pass-1', 'OpsDesk-demo-1', 'Temp-pass-1', 'Changed-pass-2']) {
      expect(passwordProblem(p, { username: 'admin', departmentName: '运营部' }), p).toBeNull();
    }
  });

  it('judges a very long password by its first 64 characters (zxcvbn is not run on the rest)', () => {
    expect(passwordProblem('Ops-desk-2026!'.padEnd(200, 'a'))).toBeNull();
    expect(passwordProblem('a'.repeat(64) + 'Ops-desk-2026!')).toBe('validation.passwordRepeated');
    expect(passwordProblem('x'.repeat(200))).toBe('validation.passwordRepeated');
  });

  it('answers fast enough to run on every keystroke', () => {
    passwordProblem('warm-up-1');
    const started = performance.now();
    for (let i = 0; i < 20; i++) passwordProblem(`Some-longer-pass-${i}-x`, zhouMing);
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});
