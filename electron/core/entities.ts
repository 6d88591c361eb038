import { kernelEntities } from './kernel/entities.js';
import { authEntities } from './modules/auth/entities.js';
import { orgEntities } from './modules/org/entities.js';
import { backupEntities } from './modules/backup/entities.js';
import { attendanceEntities } from './modules/attendance/entities.js';

/** Every table the ORM maps. The schema itself comes from db/migrations. */
export const ALL_ENTITIES = [...kernelEntities, ...authEntities, ...orgEntities, ...backupEntities, ...attendanceEntities];
