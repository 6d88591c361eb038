/**
 * The slices of Electron's API that the main-process modules use, as plain interfaces. Only
 * index.ts imports 'electron' at run time and hands the real objects in (tsc checks there that they
 * fit these shapes); tests hand in fakes, so everything here runs in plain Node. Imports from
 * 'electron' in this folder are type-only and vanish from the compiled code.
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

export interface FramePort {
  readonly url: string;
}

/** A navigation-style event: Electron passes `Event<{url, ...}>`. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

export interface SessionPort {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (permissionGranted: boolean) => void) => void) | null,
  ): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: ((details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void) | null,
    ): void;
  };
}

export interface WebContentsPort {
  readonly id: number;
  /** The top frame; the sender check compares the sending frame with it. */
  readonly mainFrame: FramePort;
  readonly session: SessionPort;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
}

export interface BrowserWindowPort {
  readonly webContents: WebContentsPort;
  loadFile(filePath: string): Promise<void>;
  isDestroyed(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface BrowserWindowClassPort<W extends BrowserWindowPort = BrowserWindowPort> {
  new (options: BrowserWindowConstructorOptions): W;
}

/** Where core events go: every open window (BrowserWindow's static getAllWindows fits). */
export interface WindowListPort {
  getAllWindows(): BrowserWindowPort[];
}

export interface InvokeEventPort {
  readonly sender: WebContentsPort;
  readonly senderFrame: FramePort | null;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: InvokeEventPort, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
}

export interface AppPort {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  getSystemLocale(): string;
  getVersion(): string;
  quit(): void;
  exit(exitCode?: number): void;
  on(event: 'second-instance', listener: (event: PreventableEvent, argv: string[]) => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

export interface DialogPort {
  showErrorBox(title: string, content: string): void;
  showMessageBox(options: MessageBoxOptions): Promise<unknown>;
}

export interface MenuPort {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export interface NotificationPort {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface NotificationClassPort {
  new (options: NotificationConstructorOptions): NotificationPort;
  isSupported(): boolean;
}

/**
 * Electron's safeStorage: encryption with a key the OS keeps for the signed-in user (DPAPI on
 * Windows, the Keychain on macOS, the Secret Service or kwallet on Linux). Usable after 'ready'.
 */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring was found (a fixed password, no protection). */
  getSelectedStorageBackend(): string;
}
