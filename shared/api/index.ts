import type { z } from 'zod';
import { joinContracts, type MethodSpec } from './define.js';
import { authContract, setupContract, usersContract } from './auth.js';
import { kernelContract } from './kernel.js';
import { orgContract } from './org.js';
import { exportsContract } from './exports.js';
import { backupContract, settingsContract } from './backup.js';
import { attendanceContract } from './attendance.js';

/** Every method the core offers, by name. Transports, the CLI and the renderer are typed from it. */
export const contract = joinContracts(setupContract, authContract, usersContract, orgContract, kernelContract, exportsContract, backupContract, settingsContract, attendanceContract);

export type ApiContract = typeof contract;
export type MethodName = keyof ApiContract & string;
/** What a caller passes (defaults may be omitted). */
export type InputOf<M extends MethodName> = z.input<ApiContract[M]['input']>;
/** What a handler receives after validation (defaults applied). */
export type ParsedInputOf<M extends MethodName> = z.output<ApiContract[M]['input']>;
export type OutputOf<M extends MethodName> = ApiContract[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

export type { ApiError, ApiResult, ErrorCode } from '../domain/errors.js';
export * from './auth.js';
export * from './org.js';
export * from './kernel.js';
export * from './exports.js';
export * from './backup.js';
export * from './attendance.js';
export type { FileDownload, Page } from './fields.js';
