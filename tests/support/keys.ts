/**
 * The install key tests give the core (CoreOptions.auditKey): fixed, so a data folder reopened by
 * another core or a child process of the same test verifies its audit chain. The entry points load
 * a real one (kernel/secrets.ts).
 */
export const TEST_AUDIT_KEY = Buffer.alloc(32, 0x42);
