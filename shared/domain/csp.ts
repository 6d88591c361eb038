/**
 * The renderer's Content Security Policy, one definition for both ways the page is served: the
 * desktop app (electron/main sets it as a header; renderer/index.html repeats it in a meta tag for
 * file://, checked equal by tests/main/window.test.ts) and browser mode (electron/bridge).
 * Only the app's own scripts, no eval, no plugins, no framing; antd injects its styles at run
 * time, hence 'unsafe-inline' for styles only.
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
