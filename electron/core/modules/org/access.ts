import type { RecordAccess } from '../../kernel/module.js';
import { forbidden, notFound } from '../../kernel/errors.js';
import { assertReaches } from '../../kernel/access.js';
import { scopeFor } from '../../../../shared/domain/permissions.js';
import { requireActor } from '../../kernel/context.js';
import { EmployeeEntity, GroupEntity, PositionEntity } from './entities.js';

/** Everyone in the department may read organisation records; writing follows org.write / org.structure. */
export const employeeAccess: RecordAccess = {
  async assertRead(ctx, id) {
    if (!(await ctx.manager.getRepository(EmployeeEntity).exists({ where: { id } }))) throw notFound();
    if (scopeFor(requireActor(ctx).roles, 'org.read') === null) throw forbidden();
  },
  async assertWrite(ctx, id) {
    const e = await ctx.manager.getRepository(EmployeeEntity).findOne({ where: { id } });
    if (!e) throw notFound();
    if (scopeFor(requireActor(ctx).roles, 'org.write') === null) throw forbidden();
    assertReaches(ctx, 'org.write', { groupId: e.groupId, employeeId: e.id });
  },
  async label(ctx, id) {
    const e = await ctx.manager.getRepository(EmployeeEntity).findOne({ where: { id } });
    return e ? `${e.name} (${e.employeeNo})` : '';
  },
};

function structureAccess(exists: (ctx: Parameters<RecordAccess['assertRead']>[0], id: string) => Promise<string | null>): RecordAccess {
  return {
    async assertRead(ctx, id) {
      if ((await exists(ctx, id)) === null) throw notFound();
      if (scopeFor(requireActor(ctx).roles, 'org.read') === null) throw forbidden();
    },
    async assertWrite(ctx, id) {
      if ((await exists(ctx, id)) === null) throw notFound();
      if (scopeFor(requireActor(ctx).roles, 'org.structure') === null) throw forbidden();
    },
    async label(ctx, id) {
      return (await exists(ctx, id)) ?? '';
    },
  };
}

export const groupAccess = structureAccess(
  async (ctx, id) => (await ctx.manager.getRepository(GroupEntity).findOne({ where: { id } }))?.name ?? null,
);
export const positionAccess = structureAccess(
  async (ctx, id) => (await ctx.manager.getRepository(PositionEntity).findOne({ where: { id } }))?.title ?? null,
);
