import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/index.js';
import { AUDIT_INCIDENT_KINDS } from '../../shared/api/kernel.js';
import { AUDIT_ACTION_NAMES, AUDIT_ENTITY_NAMES, INTERNAL_OPERATIONS, OPERATION_NAMES, actionName, operationName, recordText } from '../../shared/domain/operations.js';

/** The words of the audit log (shared/domain/operations.ts) cover everything the core writes into it. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (entry.name.endsWith('.ts')) out.push(fs.readFileSync(full, 'utf8'));
  }
  return out;
}
const code = sources('electron').join('\n');
const quoted = (text: string) => [...text.matchAll(/'([A-Za-z.-]+)'/g)].map((m) => m[1]!);

describe('audit log words', () => {
  it('name every contract method in both languages', () => {
    const missing = METHOD_NAMES.filter((m) => !OPERATION_NAMES[m]?.zh.trim() || !OPERATION_NAMES[m]?.en.trim());
    expect(missing).toEqual([]);
  });

  it("name every operation the core runs on its own (core.runInternal and the CLI's maintenance labels)", () => {
    const labels = new Set([
      ...[...code.matchAll(/runInternal\(\s*'([^']+)'/g)].map((m) => m[1]!),
      ...[...code.matchAll(/runAsSystem\([^,]+,\s*'([^']+)'/g)].map((m) => m[1]!),
      // The scheduler's run('backup.auto', ...); worker jobs (jobs.run('writeSheets')) have no dotted name.
      ...[...code.matchAll(/\brun\(\s*'([a-z]+\.[A-Za-z]+)'/g)].map((m) => m[1]!),
    ]);
    expect(labels.size).toBeGreaterThan(3);
    expect([...labels].filter((l) => !(INTERNAL_OPERATIONS as readonly string[]).includes(l) && !Object.hasOwn(OPERATION_NAMES, l))).toEqual([]);
  });

  it('name every action and record kind the core writes into an audit row', () => {
    const actions = new Set<string>(AUDIT_INCIDENT_KINDS);
    const entities = new Set<string>();
    for (const m of code.matchAll(/\baudit\(\{([^}]*)/g)) {
      const body = m[1]!;
      const action = /action: ([^,}]+)/.exec(body)?.[1] ?? '';
      for (const a of quoted(action)) actions.add(a);
      const entity = /entity: '([a-z]+)'/.exec(body)?.[1];
      if (entity) entities.add(entity);
    }
    // approvals.decide writes the decision itself as the action.
    actions.add('approve').add('reject');
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !Object.hasOwn(AUDIT_ACTION_NAMES, a))).toEqual([]);
    expect([...entities].filter((e) => !Object.hasOwn(AUDIT_ENTITY_NAMES, e))).toEqual([]);
  });

  it('write Chinese with full-width punctuation, English without Chinese', () => {
    for (const words of [...Object.values(OPERATION_NAMES), ...Object.values(AUDIT_ACTION_NAMES), ...Object.values(AUDIT_ENTITY_NAMES)]) {
      expect(words.zh, words.zh).not.toMatch(/[:,;()]/);
      expect(words.en, words.en).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    }
  });

  it('never show a code for an operation, action or record kind of a newer version', () => {
    expect(operationName('payroll.runMonth', true)).toBe('其他操作');
    expect(operationName('payroll.runMonth', false)).toBe('Other operation');
    expect(actionName('somethingNew', true)).toBeNull();
    expect(recordText('employee', '王小明 (YY021)', true)).toBe('员工 王小明 (YY021)');
    expect(recordText('employee', '王小明 (YY021)', false)).toBe('Employee 王小明 (YY021)');
    expect(recordText('payslip', null, true)).toBe('记录');
  });
});
