import { describe, expect, it } from 'vitest';
import { initialised, ok } from './support/harness.js';

/** The people pickers offer (directory.users): active accounts, Chinese names in pinyin order. */
describe('directory of users', () => {
  it('lists active accounts in pinyin order, not by character code, and leaves disabled ones out', async () => {
    const { core, admin } = await initialised();
    const create = (username: string, displayName: string) =>
      ok(core, admin, 'users.create', { username, displayName, password: 'Temp-pass-1', roles: ['staff'] });
    // By code point: 张 U+5F20, 李 U+674E, 阿 U+963F, 陈 U+9648; in pinyin: ā, chén, lǐ, zhāng.
    await create('zhang', '张伟');
    await create('li', '李娜');
    await create('aqiang', '阿强');
    await create('chen', '陈静');
    const gone = await create('bai', '白雪');
    await ok(core, admin, 'users.setDisabled', { id: gone.id, disabled: true });
    const names = (await ok(core, admin, 'directory.users', {})).map((u) => u.displayName).filter((n) => n !== 'admin' && n !== '系统管理员');
    expect(names).toEqual(['阿强', '陈静', '李娜', '张伟']);
  });
});
