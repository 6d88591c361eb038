import { In } from 'typeorm';
import { contract } from '../../../shared/api/index.js';
import type { Role } from '../../../shared/domain/roles.js';
import type { Core } from '../index.js';
import { AppError } from '../kernel/errors.js';
import { issuesToFields } from '../kernel/validation.js';
import { initialize, seedDemo } from '../modules/setup/service.js';
import { UserEntity } from '../modules/auth/entities.js';
import { rolesOf } from '../modules/auth/service.js';

export interface DemoDepartment {
  /** True when the folder was new and the department was set up first (administrator 'admin'). */
  createdDepartment: boolean;
  employees: number;
  /** The accounts that use the demo password, administrator first when it was created here. */
  accounts: { username: string; displayName: string; roles: Role[] }[];
}

export const DEMO_ADMIN_USERNAME = 'admin';

/**
 * Fills an empty department with the demo data; on a new data folder sets the department up
 * first, with the administrator 'admin' and the demo password. One transaction: everything or
 * nothing. Throws AppError INVALID_STATE ('error.demoNeedsEmptyDepartment') when employees exist,
 * VALIDATION when the password or department name breaks the setup screen's rules.
 *
 * The demo password is printed on the terminal (and has a well-known default), so every account
 * made here must choose its own password at first sign-in, as accounts an administrator creates
 * must. (The setup screen's demo accounts share the password its administrator just chose.)
 */
export async function seedDemoDepartment(core: Core, options: { password: string; departmentName: string }): Promise<DemoDepartment> {
  const status = await core.call('setup.status', {});
  const initialized = status.ok && (status.data as { initialized: boolean }).initialized;
  return core.runInternal('maintenance.demo', null, async (ctx) => {
    // The setup screen's own schema checks the name and the password, also for the demo accounts.
    const setup = await contract['setup.initialize'].input.safeParseAsync({
      departmentName: options.departmentName,
      adminUsername: DEMO_ADMIN_USERNAME,
      adminPassword: options.password,
    });
    if (!setup.success) throw new AppError('VALIDATION', 'error.validation', issuesToFields(setup.error.issues));
    if (!initialized) await initialize(ctx, { ...setup.data, withDemoData: false }, { mustChangePassword: true });
    const seeded = await seedDemo(ctx, options.password, { mustChangePassword: true });
    const usernames = initialized ? seeded.accounts : [DEMO_ADMIN_USERNAME, ...seeded.accounts];
    const users = await ctx.manager.getRepository(UserEntity).find({ where: { username: In(usernames) } });
    const accounts: DemoDepartment['accounts'] = [];
    for (const username of usernames) {
      const user = users.find((u) => u.username === username);
      if (user) accounts.push({ username, displayName: user.displayName, roles: await rolesOf(ctx.manager, user.id) });
    }
    return { createdDepartment: !initialized, employees: seeded.employees, accounts };
  });
}
