import { DEFAULT_GROUPS, DEFAULT_POSITIONS } from '../../../../shared/domain/org.js';
import type { Ctx } from '../../kernel/context.js';
import { GroupEntity, PositionEntity } from './entities.js';

/** The structure every new department starts with: the regulations' three groups and positions with duties. */
export async function seedDefaultStructure(ctx: Ctx): Promise<void> {
  const groups = ctx.manager.getRepository(GroupEntity);
  const positions = ctx.manager.getRepository(PositionEntity);
  const base = { archivedAt: null, createdAt: ctx.nowIso, updatedAt: ctx.nowIso };
  for (const [i, g] of DEFAULT_GROUPS.entries()) {
    await groups.insert({ id: ctx.services.newId(), name: g.name, description: g.description, leadEmployeeId: null, sortOrder: i + 1, ...base });
  }
  for (const p of DEFAULT_POSITIONS) {
    await positions.insert({ id: ctx.services.newId(), title: p.title, level: p.level, duties: p.duties, ...base });
  }
  await ctx.audit({ entity: 'department', recordId: null, action: 'seedStructure', after: { groups: DEFAULT_GROUPS.map((g) => g.name), positions: DEFAULT_POSITIONS.map((p) => p.title) } });
}
