import type { SessionPort } from './ports.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/domain/csp.js';

export { CONTENT_SECURITY_POLICY };

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
