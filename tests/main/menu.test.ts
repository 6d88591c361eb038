import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutBox, menuTemplate, shellLocale } from '../../electron/main/menu.js';
import { inboxNotifier } from '../../electron/main/notifications.js';
import { FakeBrowserWindow, FakeNotification } from './fakes.js';

function labels(template: MenuItemConstructorOptions[]): unknown[] {
  return template.map((item) => ({
    label: item.label,
    items: (item.submenu as MenuItemConstructorOptions[]).map((i) => (i.type === 'separator' ? '-' : i.label)),
  }));
}

describe('shell locale', () => {
  it('is Chinese for any zh system locale (and when unknown), English otherwise', () => {
    for (const l of ['zh-CN', 'zh-TW', 'zh', 'zh_CN', 'zh-Hans-CN', '']) expect(shellLocale(l)).toBe('zh-CN');
    for (const l of ['en-US', 'en-GB', 'de-DE', 'ja-JP', 'zu']) expect(shellLocale(l)).toBe('en-US');
  });
});

describe('menu template', () => {
  it('has Chinese labels', () => {
    expect(labels(menuTemplate({ locale: 'zh-CN', isDev: false, onAbout: () => {}, onBackup: () => {} }))).toEqual([
      { label: '文件', items: ['备份与恢复…', '-', '退出'] },
      { label: '编辑', items: ['撤销', '重做', '-', '剪切', '复制', '粘贴', '全选'] },
      { label: '视图', items: ['实际大小', '放大', '缩小', '-', '全屏'] },
      { label: '窗口', items: ['最小化'] },
      { label: '帮助', items: ['关于 OpsDesk'] },
    ]);
  });

  it('has English labels, and reload and developer tools in development', () => {
    expect(labels(menuTemplate({ locale: 'en-US', isDev: true, onAbout: () => {}, onBackup: () => {} }))).toEqual([
      { label: 'File', items: ['Backup and Restore…', '-', 'Quit'] },
      { label: 'Edit', items: ['Undo', 'Redo', '-', 'Cut', 'Copy', 'Paste', 'Select All'] },
      { label: 'View', items: ['Reload', 'Developer Tools', '-', 'Actual Size', 'Zoom In', 'Zoom Out', '-', 'Full Screen'] },
      { label: 'Window', items: ['Minimize'] },
      { label: 'Help', items: ['About OpsDesk'] },
    ]);
  });

  it('quits through the quit role, opens Backup and Restore from File and About from Help', () => {
    let about = 0;
    let backup = 0;
    const template = menuTemplate({ locale: 'zh-CN', isDev: false, onAbout: () => about++, onBackup: () => backup++ });
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(file[2]!.role).toBe('quit');
    (file[0]!.click as () => void)();
    expect(backup).toBe(1);
    const help = template[4]!.submenu as MenuItemConstructorOptions[];
    (help[0]!.click as () => void)();
    expect(about).toBe(1);
  });

  it('About names the version and the data folder', () => {
    expect(aboutBox('en-US', '0.1.0', '/data')).toMatchObject({
      title: 'About OpsDesk',
      message: 'OpsDesk 0.1.0',
      detail: 'Operations department management\nVersion 0.1.0\n/data',
    });
  });
});

describe('inbox notifier', () => {
  function notifier(now: () => number) {
    FakeNotification.reset();
    FakeBrowserWindow.reset();
    const win = new FakeBrowserWindow({});
    const notify = inboxNotifier({
      Notification: FakeNotification,
      window: () => win,
      userIdFor: () => 'u1',
      text: { inboxTitle: 'title', inboxBody: 'body' },
      minIntervalMs: 30_000,
      now,
    });
    return { win, notify };
  }

  it('shows at most one notification per interval, and none for progress events', () => {
    let t = 0;
    const { notify } = notifier(() => t);
    notify({ type: 'progress', callId: 'c', done: 1, total: 1, phase: 'x' });
    notify({ type: 'inbox', userIds: ['u1'] });
    t = 10_000;
    notify({ type: 'inbox', userIds: ['u1'] });
    t = 31_000;
    notify({ type: 'inbox', userIds: ['u1'] });
    expect(FakeNotification.shown.map((n) => n.options)).toEqual([
      { title: 'title', body: 'body' },
      { title: 'title', body: 'body' },
    ]);
  });

  it('shows nothing where the system has no notifications, or once the window is gone', () => {
    const { win, notify } = notifier(() => 0);
    FakeNotification.supported = false;
    notify({ type: 'inbox', userIds: ['u1'] });
    FakeNotification.supported = true;
    win.destroy();
    notify({ type: 'inbox', userIds: ['u1'] });
    expect(FakeNotification.shown).toHaveLength(0);
  });
});
