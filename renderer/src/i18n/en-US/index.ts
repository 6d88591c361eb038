import { common } from './common';
import { auth } from './auth';
import { inbox } from './inbox';
import { org } from './org';
import { attendance } from './attendance';
import { admin } from './admin';
import { audit } from './audit';
import { data } from './data';
import { errors } from './errors';

import type { MessageKey } from '../zh-CN';

/** English, one catalog per module like zh-CN; loaded on demand by ../index.ts. */
export const enUS: Record<MessageKey, string> = { ...common, ...auth, ...inbox, ...org, ...attendance, ...admin, ...audit, ...data, ...errors };

export const enUSModules = { common, auth, inbox, org, attendance, admin, audit, data, errors };
