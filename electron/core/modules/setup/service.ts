import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { AppError } from '../../kernel/errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../../../shared/domain/locale.js';
import type { Ctx } from '../../kernel/context.js';
import { createUser } from '../auth/service.js';
import { UserEntity } from '../auth/entities.js';
import { EmployeeEntity } from '../org/entities.js';
import { seedDefaultStructure } from '../org/seed.js';
import { seedOrgDemo } from '../org/demo.js';
import { seedAttendanceDemo } from '../attendance/demo.js';
import { getSetting, setSetting } from '../settings/store.js';

export async function setupStatus(ctx: Ctx): Promise<{ initialized: boolean; departmentName: string | null; defaultLocale: Locale }> {
  const users = await ctx.manager.getRepository(UserEntity).count();
  return {
    initialized: users > 0,
    departmentName: await getSetting(ctx.manager, 'department.name'),
    defaultLocale: ctx.services.machine.settings.language ?? DEFAULT_LOCALE,
  };
}

/**
 * First run: the department, its default structure and the administrator. Refused once any
 * account exists, so the public method cannot be used to take over an installed department.
 */
export async function initialize(
  ctx: Ctx,
  input: ParsedInputOf<'setup.initialize'>,
  /** `opsdesk demo` on a new folder: the administrator gets the printed demo password, to be changed at first sign-in. */
  options: { mustChangePassword?: boolean } = {},
): Promise<{ departmentName: string; adminUsername: string }> {
  if ((await ctx.manager.getRepository(UserEntity).count()) > 0) throw new AppError('INVALID_STATE', 'error.alreadyInitialized');
  await setSetting(ctx.manager, 'department.name', input.departmentName, ctx.nowIso);
  await setSetting(ctx.manager, 'setup.completedAt', ctx.nowIso, ctx.nowIso);
  await seedDefaultStructure(ctx);
  await createUser(ctx, {
    username: input.adminUsername,
    displayName: input.adminDisplayName ?? input.adminUsername,
    password: input.adminPassword,
    roles: ['admin'],
    employeeId: null,
    locale: input.locale,
    mustChangePassword: options.mustChangePassword ?? false,
  });
  if (input.withDemoData) await seedDemo(ctx, input.adminPassword);
  return { departmentName: input.departmentName, adminUsername: input.adminUsername };
}

/**
 * Fills the department with demo data (every module adds its part here). Demo accounts share
 * `demoPassword`. Refused when employees already exist, so it never mixes with real data.
 * `mustChangePassword`: each demo account chooses its own password at first sign-in.
 */
export async function seedDemo(ctx: Ctx, demoPassword: string, options: { mustChangePassword?: boolean } = {}): Promise<{ employees: number; accounts: string[] }> {
  if ((await ctx.manager.getRepository(EmployeeEntity).count()) > 0) throw new AppError('INVALID_STATE', 'error.demoNeedsEmptyDepartment');
  const org = await seedOrgDemo(ctx, demoPassword, options);
  // Three months of punches, leave and the rest (off for the core tests that count their own).
  if (ctx.services.demoAttendance) await seedAttendanceDemo(ctx);
  await ctx.audit({ entity: 'department', recordId: null, action: 'seedDemo', after: org });
  return org;
}
