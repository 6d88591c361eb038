/**
 * Fakes for the slices of Electron that electron/main uses (electron/main/ports.ts). They record
 * what the code under test did and let a test fire the events Electron would.
 */
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  HeadersReceivedResponse,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  NotificationConstructorOptions,
  OnHeadersReceivedListenerDetails,
  WindowOpenHandlerResponse,
} from 'electron';
import type {
  AppPort,
  BrowserWindowPort,
  DialogPort,
  FramePort,
  InvokeEventPort,
  IpcMainPort,
  MenuPort,
  NotificationPort,
  SafeStoragePort,
  SessionPort,
  ShellPort,
  WebContentsPort,
} from '../../electron/main/ports.js';

// never[]: any listener signature fits; emit() calls it with the arguments Electron would pass.
type Listener = (...args: never[]) => void;

/** A minimal event emitter: on/once, emit returns how many listeners ran. */
class Emitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  emit(event: string, ...args: unknown[]): number {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => !l.once),
    );
    for (const l of list) (l.fn as (...a: unknown[]) => void)(...args);
    return list.length;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeFrame implements FramePort {
  constructor(public url: string) {}
}

/** An Electron-style event whose default can be prevented. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeSession implements SessionPort {
  permissionHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  headersListener: ((details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionHandler']): void {
    this.permissionHandler = handler;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']): void => {
      this.headersListener = listener;
    },
  };

  /** What the permission handler answers for a permission. */
  askPermission(permission: string): boolean | undefined {
    let answer: boolean | undefined;
    this.permissionHandler?.(null, permission, (granted) => (answer = granted));
    return answer;
  }

  /** What the headers listener answers for a response. */
  headersFor(url: string, resourceType: OnHeadersReceivedListenerDetails['resourceType']): HeadersReceivedResponse | undefined {
    let answer: HeadersReceivedResponse | undefined;
    const details: OnHeadersReceivedListenerDetails = {
      id: 1,
      url,
      method: 'GET',
      resourceType,
      referrer: '',
      timestamp: 0,
      statusLine: 'HTTP/1.1 200 OK',
      statusCode: 200,
      responseHeaders: { 'Content-Type': ['text/html'] },
    };
    this.headersListener?.(details, (response) => (answer = response));
    return answer;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter implements WebContentsPort {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame;
  readonly session = new FakeSession();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  private destroyed = false;

  constructor(url: string) {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** The event a frame of this contents would send with ipcRenderer.invoke. */
  invokeEvent(frame: FramePort | null = this.mainFrame): InvokeEventPort {
    return { sender: this, senderFrame: frame };
  }
  /** Fires 'will-navigate' like Electron; returns whether the navigation was prevented. */
  navigate(url: string): boolean {
    const event = new FakeEvent(url);
    this.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }
  openWindow(url: string): WindowOpenHandlerResponse | undefined {
    return this.windowOpenHandler?.({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'no-referrer' },
    });
  }
}

export class FakeBrowserWindow extends Emitter implements BrowserWindowPort {
  static instances: FakeBrowserWindow[] = [];
  /** The URL a window's frames report once loaded (tests point it at the app's page). */
  static pageUrl = 'file:///app/dist/renderer/index.html';
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.isDestroyed());
  }
  static reset(pageUrl = 'file:///app/dist/renderer/index.html'): void {
    FakeBrowserWindow.instances = [];
    FakeBrowserWindow.pageUrl = pageUrl;
  }

  readonly webContents: FakeWebContents;
  loaded: string | null = null;
  focused = false;
  minimized = false;
  visible = false;
  restored = 0;
  private destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.webContents = new FakeWebContents(FakeBrowserWindow.pageUrl);
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(filePath: string): Promise<void> {
    this.loaded = filePath;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.restored++;
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroy();
  }
}

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, (event: InvokeEventPort, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventPort, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) from `event`'s frame would resolve to. */
  async invoke(channel: string, event: InvokeEventPort, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Like Electron, arguments cross a structured clone.
    return structuredClone(await handler(event, ...args.map((a) => structuredClone(a))));
  }
}

export class FakeApp extends Emitter implements AppPort {
  isPackaged = false;
  gotLock = true;
  sandboxEnabled = false;
  readyCalled = false;
  quits = 0;
  exitCode: number | null = null;
  systemLocale = 'zh-CN';
  version = '0.1.0';
  readonly log: string[] = [];
  constructor(readonly userData: string) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    this.log.push('requestSingleInstanceLock');
    return this.gotLock;
  }
  enableSandbox(): void {
    this.log.push('enableSandbox');
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    this.log.push('whenReady');
    this.readyCalled = true;
    return Promise.resolve();
  }
  getPath(_name: 'userData'): string {
    return this.userData;
  }
  getSystemLocale(): string {
    return this.systemLocale;
  }
  getVersion(): string {
    return this.version;
  }
  quit(): void {
    this.quits++;
    // Like Electron: quitting asks 'before-quit' first, which may cancel.
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.log.push('quit');
  }
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
    this.log.push(`exit ${exitCode}`);
  }
}

export class FakeDialog implements DialogPort {
  readonly errors: { title: string; content: string }[] = [];
  readonly messageBoxes: MessageBoxOptions[] = [];
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  }
  showMessageBox(options: MessageBoxOptions): Promise<unknown> {
    this.messageBoxes.push(options);
    return Promise.resolve({ response: 0, checkboxChecked: false });
  }
}

export class FakeMenu implements MenuPort {
  template: MenuItemConstructorOptions[] | null = null;
  applied: unknown = null;
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown {
    this.template = template;
    return { built: template };
  }
  setApplicationMenu(menu: unknown): void {
    this.applied = menu;
  }
}

export class FakeShell implements ShellPort {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

export class FakeNotification extends Emitter implements NotificationPort {
  static shown: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  static reset(): void {
    FakeNotification.shown = [];
    FakeNotification.supported = true;
  }
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

/**
 * safeStorage as one user's keychain: what it encrypts only an instance with the same secret can
 * decrypt (another FakeSafeStorage stands for another computer or user account).
 */
export class FakeSafeStorage implements SafeStoragePort {
  readonly log: string[] = [];
  constructor(
    private readonly secret = 'this-user-on-this-pc',
    readonly options: { available?: boolean; backend?: string } = {},
  ) {}
  isEncryptionAvailable(): boolean {
    return this.options.available ?? true;
  }
  getSelectedStorageBackend(): string {
    return this.options.backend ?? 'gnome_libsecret';
  }
  encryptString(plainText: string): Buffer {
    this.log.push('encrypt');
    return Buffer.from(`fake-keychain:${this.secret}:${Buffer.from(plainText).toString('base64')}`);
  }
  decryptString(encrypted: Buffer): string {
    this.log.push('decrypt');
    const [marker, secret, payload] = encrypted.toString().split(':');
    if (marker !== 'fake-keychain' || secret !== this.secret || payload === undefined) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(payload, 'base64').toString();
  }
}
