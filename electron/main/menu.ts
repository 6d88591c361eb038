import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/domain/locale.js';

/** The desktop shell's own words (menu, dialogs, notifications); the page has its own catalogs. */
const TEXT = {
  'zh-CN': {
    file: '文件',
    backupNow: '备份与恢复…',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    help: '帮助',
    about: '关于 OpsDesk',
    aboutDetail: '运营部管理系统',
    version: '版本',
    startFailed: 'OpsDesk 无法启动',
    cannotOpenData: '无法打开数据文件夹',
    newInstallKey: '已为此数据文件夹生成新的安全密钥',
    newInstallKeyDetail:
      '原密钥由其他电脑或其他用户账号的系统钥匙串保护，在这里无法打开（数据文件夹可能是直接复制过来的）。OpsDesk 已生成新密钥并照常启动，但此前写入的审计日志从此无法核验。换电脑时请使用“数据与备份”中的备份与恢复。原密钥文件已保留为：{file}',
    inboxTitle: 'OpsDesk 有新的待办',
    inboxBody: '有新的审批、提醒或通知，请打开 OpsDesk 查看。',
  },
  'en-US': {
    file: 'File',
    backupNow: 'Backup and Restore…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    help: 'Help',
    about: 'About OpsDesk',
    aboutDetail: 'Operations department management',
    version: 'Version',
    startFailed: 'OpsDesk cannot start',
    cannotOpenData: 'Cannot open the data folder',
    newInstallKey: 'A new security key was made for this data folder',
    newInstallKeyDetail:
      'Its key is protected by the keychain of another computer or user account and cannot be opened here (was the data folder copied directly?). OpsDesk made a new key and started as usual, but the audit log written before can no longer be verified. To move to a new PC, use backup and restore on the Data page. The old key file was kept as: {file}',
    inboxTitle: 'New items in OpsDesk',
    inboxBody: 'There are new approvals, reminders or notifications. Open OpsDesk to see them.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type ShellText = Record<keyof (typeof TEXT)['zh-CN'], string>;

/** Chinese by default; English when the operating system's locale is not Chinese. */
export function shellLocale(systemLocale: string): Locale {
  const tag = systemLocale.trim();
  return tag === '' || /^zh(?:[-_]|$)/i.test(tag) ? 'zh-CN' : 'en-US';
}

export function shellText(locale: Locale): ShellText {
  return TEXT[locale];
}

export interface MenuOptions {
  locale: Locale;
  /** Development build (not packaged): adds reload and developer tools. */
  isDev: boolean;
  onAbout(): void;
  /** Opens the page's Data page (backup and restore). */
  onBackup(): void;
}

/** The application menu: File (Backup and Restore, Quit), Edit (clipboard shortcuts), View, Window, Help (About). */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = shellText(options.locale);
  const view: MenuItemConstructorOptions[] = [
    ...(options.isDev
      ? ([
          { role: 'reload', label: t.reload },
          { role: 'toggleDevTools', label: t.devTools },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullScreen },
  ];
  return [
    // On macOS the first menu shows under the application's name; Quit is there as usual.
    {
      label: t.file,
      submenu: [{ label: t.backupNow, accelerator: 'CmdOrCtrl+B', click: () => options.onBackup() }, { type: 'separator' }, { role: 'quit', label: t.quit }],
    },
    {
      // Without an Edit menu, copy and paste shortcuts do not work on macOS.
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    { label: t.window, submenu: [{ role: 'minimize', label: t.minimize }] },
    { role: 'help', label: t.help, submenu: [{ label: t.about, click: () => options.onAbout() }] },
  ];
}

/** The About box: product name, version, data folder. */
export function aboutBox(locale: Locale, version: string, dataDir: string): { title: string; message: string; detail: string; buttons: string[]; type: 'info' } {
  const t = shellText(locale);
  return { type: 'info', title: t.about, message: `OpsDesk ${version}`, detail: `${t.aboutDetail}\n${t.version} ${version}\n${dataDir}`, buttons: ['OK'] };
}
