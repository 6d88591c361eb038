import type { SessionPort } from './ports.js';

/**
 * The renderer's Content Security Policy, the same as browser mode's (electron/bridge/security.ts;
 * tests/main/window.test.ts checks they agree). The page carries it in a meta tag; the main process
 * also sends it as a response header where Electron lets it (see applyCspHeader).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Adds the CSP header to the app's file:// documents. Electron's documentation says header-set CSP
 * does not apply to file:// (hence the meta tag, which is the policy that always holds); newer
 * releases do call onHeadersReceived for file:// responses, and then the header applies too. Other
 * responses pass through unchanged (the app loads nothing else).
 */
export function applyCspHeader(session: SessionPort, policy: string = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!isDocument || !details.url.startsWith('file:')) return callback({});
    callback({ responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [policy] } });
  });
}
