import type { InputOf } from '../../../shared/api/index.js';
import type { World } from './world.js';

type AttendanceMethod = Extract<Parameters<typeof import('../../../shared/api/index.js').isMethodName>[0], string> & `attendance.${string}`;
type Factory<M extends string> = (w: World) => (M extends keyof import('../../../shared/api/index.js').ApiContract ? InputOf<M> : never) | Promise<M extends keyof import('../../../shared/api/index.js').ApiContract ? InputOf<M> : never>;

/** Valid inputs of the attendance methods (VALID_INPUT in world.ts). STUB: filled in with the module's tests. */
export const ATTENDANCE_INPUT = {} as { [M in keyof import('../../../shared/api/index.js').ApiContract as M extends `attendance.${string}` ? M : never]: Factory<M & string> };
export type { AttendanceMethod };
