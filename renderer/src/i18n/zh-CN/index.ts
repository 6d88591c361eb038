import { common } from './common';
import { auth } from './auth';
import { inbox } from './inbox';
import { org } from './org';
import { attendance } from './attendance';
import { admin } from './admin';
import { audit } from './audit';
import { data } from './data';
import { errors } from './errors';

/**
 * Simplified Chinese, the default language: one catalog per module (its keys start with the
 * module's prefixes). Error and validation keys are what the core returns. Loaded on demand by
 * ../index.ts, so an English session never downloads it.
 */
export const zhCN = { ...common, ...auth, ...inbox, ...org, ...attendance, ...admin, ...audit, ...data, ...errors } as const;

/** Module catalogs by name, for the test that no key is defined in two modules. */
export const zhCNModules = { common, auth, inbox, org, attendance, admin, audit, data, errors };

export type MessageKey = keyof typeof zhCN;
