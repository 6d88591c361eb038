import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../shared/domain/passwords.js';
import { userInputs } from '../../shared/domain/password-strength.js';

const zhouMing = { username: 'zhouming', displayName: '周明', departmentName: '运营部' };

describe('password rule (shared by the core and the forms)', () => {
  it('names the reason a password is refused', async () => {
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
    expect(await Promise.all(cases.map(async ([p]) => [p, await passwordProblem(p)]))).toEqual(cases);
  });

  it('scores a password built on the person or the department low', async () => {
    for (const p of ['zhouming2024', 'Zhouming88', 'zhouming123', 'yunyingbu2026']) expect(await passwordProblem(p, zhouMing), p).toBe('validation.passwordPersonal');
    // Without that context the same password is fine: the rule is about who uses it.
    expect(await passwordProblem('zhouming2024')).toBeNull();
    expect(await passwordProblem('wangxiaoming1990', { displayName: '王小明' })).toBe('validation.passwordPersonal');
    expect(userInputs({ username: 'zhou.ming', displayName: '王小明', departmentName: '富力运营部' })).toEqual(
      expect.arrayContaining(['zhou.ming', 'zhou', 'ming', 'wangxiaoming', 'wang', 'xiaoming', 'wangxm', 'wxm', 'fuliyunyingbu']),
    );
  });

  it('accepts long or unusual passwords, including the ones the tests and the demo use', async () => {
    for (const p of ['Correct horse 1', 'Ops-desk-2026!', '雨后的青石板路-7', 'Admin-pass-1', 'OpsDesk-demo-1', 'Temp-pass-1', 'Changed-pass-2', 'Xk9#mQ2!vL8@pR4$', 'c0rrect-h0rse-b@ttery-st@ple-1234']) {
      expect(await passwordProblem(p, { username: 'admin', departmentName: '运营部' }), p).toBeNull();
    }
  });

  // password-strength.ts caps zxcvbn's l33t substitutions at 10 (the default 100 took 0.6 s for
  // one long password): common words in l33t spelling must still be caught.
  it('sees through l33t spellings of common words with the capped substitutions', async () => {
    for (const p of ['P@ssw0rd', 'p@$$w0rd1', 'P@ssw0rd!23', 'Adm1n@123', 'L0v3y0u!', 'm0nk3y123', 'dr@g0n99', '$up3rm@n1', 'qw3rty!@#']) {
      expect(await passwordProblem(p), p).not.toBeNull();
    }
  });

  it('judges a very long password by its first 64 characters (zxcvbn is not run on the rest)', async () => {
    expect(await passwordProblem('Ops-desk-2026!'.padEnd(200, 'a'))).toBeNull();
    expect(await passwordProblem('a'.repeat(64) + 'Ops-desk-2026!')).toBe('validation.passwordRepeated');
    expect(await passwordProblem('x'.repeat(200))).toBe('validation.passwordRepeated');
  });
});
