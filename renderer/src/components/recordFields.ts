import type { Locale } from '../../../shared/domain/locale';
import { auditEntityName } from '../../../shared/domain/operations';
import { isMessageKey, type Translate } from '../i18n';
import { formatBytes, formatInstant, joinList } from './format';

/**
 * Recorded fields as people read them, for the audit log's before/after table and the record
 * timelines: the field's name (`field.<entity>.<name>`, else `field.<name>`, in the audit
 * catalog) and its value in words - a referenced record by its name, roles and statuses
 * translated, instants in local time. Nothing here shows a field's code or a raw id.
 */

/** Bookkeeping that says nothing a reader needs (who and when are the row's own columns). */
const HIDDEN_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'sortOrder', 'passwordHash']);

export const isShownField = (field: string) => !HIDDEN_FIELDS.has(field);

export function fieldLabelKey(entity: string, field: string): string | null {
  const specific = `field.${entity}.${field}`;
  if (isMessageKey(specific)) return specific;
  return isMessageKey(`field.${field}`) ? `field.${field}` : null;
}

export function fieldLabel(t: Translate, entity: string, field: string): string {
  const key = fieldLabelKey(entity, field);
  return key ? t(key) : t('audit.value.otherField');
}

type ValueKeys = Record<string, (value: string) => string>;

/** Fields whose values are codes with words of their own: the message key of each value. */
const VALUE_KEYS: ValueKeys = {
  gender: (v) => `gender.${v}`,
  roles: (v) => `role.${v}`,
  role: (v) => `role.${v}`,
  kind: (v) => `data.kind.${v}`,
  outcome: (v) => `approvals.status.${v}`,
};

const half = (v: string) => `attendance.half.${v}`;
const direction = (v: string) => `attendance.direction.${v}`;

/**
 * The same, where a field's codes depend on the record (a leave's `type` is a leave type, a
 * discipline record's a kind of breach; a calendar day's `kind` is not an export's). Attendance
 * values take the attendance catalog's words, as its pages show them.
 */
const ENTITY_VALUE_KEYS: Record<string, ValueKeys> = {
  employee: { status: (v) => `status.${v}` },
  approval: { status: (v) => `approvals.status.${v}` },
  leave: { type: (v) => `attendance.leaveType.${v}`, startHalf: half, endHalf: half, status: (v) => `attendance.leaveStatus.${v}` },
  punchCorrection: { direction, status: (v) => `attendance.correctionStatus.${v}` },
  punch: { source: (v) => `attendance.source.${v}`, direction },
  discipline: { type: (v) => `attendance.disciplineType.${v}` },
  calendarDay: { kind: (v) => `attendance.calendar.kind.${v}`, source: (v) => `attendance.calendar.source.${v}` },
  // A schedule's rules are recorded as one object; its work days are ISO weekday numbers (1 = Monday).
  schedule: { target: (v) => `attendance.schedule.target.${v}`, workDays: (v) => `attendance.weekday.${v}` },
};

/** A table's own entry (never one inherited from Object, whatever name a row carries). */
const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

const LOCALE_NAMES: Record<string, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

const isInstant = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v);
const isId = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

export interface ValueContext {
  t: Translate;
  locale: Locale;
  entity: string;
  /** Names of referenced records, id -> label, from the core (AuditRow.refLabels, TimelineEntry.labels). */
  labels: Record<string, string>;
}

function wordFor(c: ValueContext, field: string, value: string): string | null {
  const forEntity = own(ENTITY_VALUE_KEYS, c.entity);
  const keyOf = (forEntity && own(forEntity, field)) ?? own(VALUE_KEYS, field);
  if (keyOf && isMessageKey(keyOf(value))) return c.t(keyOf(value));
  if (field === 'locale') return LOCALE_NAMES[value] ?? null;
  if (field === 'entity') return auditEntityName(value, c.locale === 'zh-CN');
  return null;
}

/** A recorded value in words. */
export function formatFieldValue(c: ValueContext, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return c.t('audit.value.empty');
  if (typeof value === 'boolean') return c.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return field === 'size' ? formatBytes(value) : (wordFor(c, field, String(value)) ?? String(value));
  if (Array.isArray(value)) return value.length === 0 ? c.t('audit.value.empty') : joinList(value.map((v) => formatFieldValue(c, field, v)), c.locale);
  if (typeof value === 'object') return formatObject(c, field, value as Record<string, unknown>);
  const text = String(value);
  const word = wordFor(c, field, text);
  if (word) return word;
  if (isId(text)) return c.labels[text] ?? c.t('audit.value.unknownRecord');
  if (isInstant(text)) return formatInstant(text);
  return text;
}

/** A nested value: an audit head ("entry 12"), an approval step (its role or person), or its fields in words. */
function formatObject(c: ValueContext, field: string, o: Record<string, unknown>): string {
  if (typeof o.count === 'number' && typeof o.hash === 'string') return c.t('audit.value.head', { count: o.count });
  if (field === 'steps' && (o.role || o.userId)) return o.role ? formatFieldValue(c, 'role', o.role) : formatFieldValue(c, 'userId', o.userId);
  const parts = Object.entries(o)
    .filter(([k]) => isShownField(k))
    .map(([k, v]) => `${fieldLabel(c.t, c.entity, k)}${c.locale === 'zh-CN' ? '：' : ': '}${formatFieldValue(c, k, v)}`);
  return parts.join(c.locale === 'zh-CN' ? '；' : '; ');
}

export interface FieldChangeRow {
  field: string;
  label: string;
  before: string;
  after: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields an audit row changed, with old and new values in words: the fields that differ
 * between before and after, or every field set when there is only one side (a new record, a
 * failed sign-in's count). Empty when the row recorded no values.
 */
export function changedFields(c: ValueContext, before: unknown, after: unknown): FieldChangeRow[] {
  const b = before && typeof before === 'object' && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(isShownField);
  return fields
    .filter((f) => !same(b[f], a[f]))
    .map((f) => ({ field: f, label: fieldLabel(c.t, c.entity, f), before: formatFieldValue(c, f, b[f]), after: formatFieldValue(c, f, a[f]) }));
}
