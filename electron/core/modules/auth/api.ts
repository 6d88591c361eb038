import { defineHandlers } from '../../kernel/registry.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import { forbidden, notFound } from '../../kernel/errors.js';
import { requireActor } from '../../kernel/context.js';
import { sqlFor } from '../../db/sql.js';
import { UserEntity } from './entities.js';
import { authListExports } from './export.js';
import {
  createUserByAdmin,
  directoryUsers,
  listUsers,
  logout,
  me,
  resetPassword,
  setLocale,
  setUserDisabled,
  unlockUserById,
  updateUser,
} from './service.js';
import { changePassword, login } from './sign-in.js';

const USER_LABEL = 'SELECT display_name AS "label" FROM users WHERE id = ?';

export const authModule: ModuleDefinition = {
  name: 'auth',
  handlers: defineHandlers({
    'auth.login': login,
    'auth.logout': logout,
    'auth.me': me,
    'auth.changePassword': changePassword,
    'auth.setLocale': setLocale,
    'users.list': listUsers,
    'users.create': createUserByAdmin,
    'users.update': updateUser,
    'users.setDisabled': setUserDisabled,
    'users.resetPassword': resetPassword,
    'users.unlock': unlockUserById,
    'directory.users': directoryUsers,
  }),
  exports: authListExports,
  recordAccess: {
    user: {
      // A user account's timeline and attachments: the account holder and administrators.
      async assertRead(ctx, id) {
        const actor = requireActor(ctx);
        if (!(await ctx.manager.getRepository(UserEntity).exists({ where: { id } }))) throw notFound();
        if (actor.userId !== id && !actor.roles.includes('admin')) throw forbidden();
      },
      async assertWrite(ctx, id) {
        await this.assertRead(ctx, id);
      },
      async label(ctx, id) {
        // Asked for every account an audit page names: a prepared statement.
        return (await sqlFor(ctx.manager).get<{ label: string }>(USER_LABEL, [id]))?.label ?? '';
      },
    },
  },
};
