import type { EntityManager } from 'typeorm';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { PUNCH_FIELDS, type PunchField } from '../../../../shared/api/attendance.js';
import type { Ctx } from '../../kernel/context.js';
import { fieldError } from '../../kernel/errors.js';
import { ImportPresetEntity } from './entities.js';
import { isCompleteMapping, type PunchMapping } from './punch-file.js';

/**
 * Saved column mappings of punch files (导入列映射): a machine whose export the import does not
 * recognise is mapped once and saved under a name; a later file with all of a preset's headers
 * is read with it without asking (punch-file.ts chooseHeader).
 */

type Preset = { name: string; mapping: PunchMapping };

/** Only known fields with a header: what a stored mapping may hold, whatever the row says. */
function cleanMapping(raw: unknown): PunchMapping {
  const mapping: PunchMapping = {};
  if (typeof raw !== 'object' || raw === null) return mapping;
  for (const field of PUNCH_FIELDS) {
    const header = (raw as Record<string, unknown>)[field];
    if (typeof header === 'string' && header.trim()) mapping[field as PunchField] = header.trim();
  }
  return mapping;
}

function parseMapping(text: string): PunchMapping {
  try {
    return cleanMapping(JSON.parse(text));
  } catch {
    return {};
  }
}

/** The presets in the order they are tried: the most recently saved first. */
export async function storedPresets(manager: EntityManager): Promise<Preset[]> {
  const rows = await manager.getRepository(ImportPresetEntity).find({ order: { updatedAt: 'DESC', name: 'ASC' } });
  return rows.map((r) => ({ name: r.name, mapping: parseMapping(r.mapping) })).filter((p) => isCompleteMapping(p.mapping));
}

async function presetList(manager: EntityManager): Promise<Preset[]> {
  const rows = await manager.getRepository(ImportPresetEntity).find({ order: { name: 'ASC' } });
  return rows.map((r) => ({ name: r.name, mapping: parseMapping(r.mapping) }));
}

export async function importPresets(ctx: Ctx): Promise<Preset[]> {
  return presetList(ctx.manager);
}

/** Saves a mapping under its name (replacing a preset of that name); it must name the employee number and the time. */
export async function savePreset(ctx: Ctx, input: ParsedInputOf<'attendance.import.savePreset'>): Promise<Preset[]> {
  const mapping = cleanMapping(input.mapping);
  if (!isCompleteMapping(mapping)) throw fieldError('mapping', 'validation.punchMappingIncomplete');
  const repo = ctx.manager.getRepository(ImportPresetEntity);
  const before = await repo.findOne({ where: { name: input.name } });
  const row = { name: input.name, mapping: JSON.stringify(mapping), updatedAt: ctx.nowIso };
  if (before) await repo.update({ name: input.name }, row);
  else await repo.insert(row);
  await ctx.audit({
    entity: 'importPreset',
    recordId: null,
    action: before ? 'update' : 'create',
    ...(before ? { before: { name: before.name, mapping: parseMapping(before.mapping) } } : {}),
    after: { name: input.name, mapping },
  });
  return presetList(ctx.manager);
}
