import type { FileDownload } from '../../../../shared/api/fields.js';
import type { OutputOf, ParsedInputOf } from '../../../../shared/api/index.js';
import type { EmployeeRow, GroupRow, PositionRow } from '../../../../shared/api/org.js';
import type { Ctx } from '../../kernel/context.js';
import { exportRows, sheetFormat, type ListExports } from '../../kernel/export.js';
import { EMPLOYEE_STATUS_NAMES, GENDER_NAMES, pick, yesNo } from '../../kernel/words.js';
import { contactReach } from './contacts.js';
import { employeeFilter, employeeRowsRaw, visibleRows } from './employee-query.js';
import { groupRows } from './structure.js';

/**
 * The employee list's columns: used by the list's export button ('exports.list') and by
 * 'org.employees.export' (the CLI's `org export`). The Chinese headers are what the import reads,
 * so an exported file imports back. A file of the whole list needs org.contacts (the same as
 * 'org.employees.export'); contact details in it are redacted as on screen.
 */
export const employeesExport = sheetFormat<EmployeeRow>({
  permission: 'org.contacts',
  fileBase: { zh: '员工名单', en: 'employees' },
  sheetName: { zh: '员工', en: 'Employees' },
  columns: [
    { key: 'employeeNo', zh: '工号', en: 'Employee no.', width: 12 },
    { key: 'name', zh: '姓名', en: 'Name', width: 12 },
    { key: 'gender', zh: '性别', en: 'Gender', width: 8, value: (r, zh) => pick(GENDER_NAMES[r.gender], zh) },
    { key: 'positionTitle', zh: '岗位', en: 'Position' },
    { key: 'groupName', zh: '小组', en: 'Group' },
    { key: 'managerName', zh: '直属上级', en: 'Manager' },
    { key: 'hireDate', zh: '入职日期', en: 'Hire date', width: 12, format: 'date' },
    { key: 'phone', zh: '电话', en: 'Phone' },
    { key: 'email', zh: '邮箱', en: 'Email', width: 24 },
    { key: 'status', zh: '状态', en: 'Status', width: 8, value: (r, zh) => pick(EMPLOYEE_STATUS_NAMES[r.status], zh) },
    { key: 'leftDate', zh: '离职日期', en: 'Left date', width: 12, format: 'date' },
  ],
});

/** The employee list as .xlsx, with the list's filters; headers match what the import reads. */
export async function exportEmployees(ctx: Ctx, input: ParsedInputOf<'org.employees.export'>): Promise<FileDownload> {
  ctx.progress(0, 1, 'querying');
  const raw = await employeeRowsRaw(ctx.manager, employeeFilter(input, contactReach(ctx)), 'e.employee_no ASC');
  return exportRows(ctx, employeesExport, visibleRows(ctx, raw), input.locale);
}

const groupsExport = sheetFormat<GroupRow>({
  fileBase: { zh: '小组', en: 'groups' },
  sheetName: { zh: '小组', en: 'Groups' },
  columns: [
    { key: 'name', zh: '小组名称', en: 'Group', width: 16 },
    { key: 'description', zh: '职责说明', en: 'Duties', width: 50 },
    { key: 'leadName', zh: '组长', en: 'Lead', width: 12 },
    { key: 'deputies', zh: '分管副经理', en: 'Deputy managers', width: 20, value: (r, zh) => r.deputies.map((d) => d.name).join(zh ? '、' : ', ') },
    { key: 'memberCount', zh: '在职人数', en: 'Active members', width: 10 },
    { key: 'archived', zh: '已归档', en: 'Archived', width: 8, value: (r, zh) => yesNo(r.archived, zh) },
  ],
});

const positionsExport = sheetFormat<PositionRow>({
  fileBase: { zh: '岗位职责', en: 'positions' },
  sheetName: { zh: '岗位职责', en: 'Positions' },
  columns: [
    { key: 'title', zh: '岗位名称', en: 'Position', width: 16 },
    { key: 'level', zh: '层级', en: 'Level', width: 8 },
    { key: 'duties', zh: '岗位职责', en: 'Duties', width: 60 },
    { key: 'employeeCount', zh: '在岗人数', en: 'Employees', width: 10 },
    { key: 'archived', zh: '已归档', en: 'Archived', width: 8, value: (r, zh) => yesNo(r.archived, zh) },
  ],
});

type DeputyRow = OutputOf<'org.deputies.list'>[number];

/** Deputies hold group ids; the sheet shows the groups' names (archived groups included). */
const deputiesExport = sheetFormat<DeputyRow, Map<string, string>>({
  fileBase: { zh: '副经理分管', en: 'deputies' },
  sheetName: { zh: '副经理分管', en: 'Deputies' },
  lookup: async (ctx) => new Map((await groupRows(ctx.manager, { includeArchived: true })).map((g) => [g.id, g.name])),
  columns: [
    { key: 'name', zh: '副经理', en: 'Deputy manager', width: 14 },
    { key: 'groupIds', zh: '分管小组', en: 'Groups managed', width: 40, value: (r, zh, names) => r.groupIds.map((id) => names.get(id) ?? id).join(zh ? '、' : ', ') },
  ],
});

/** The organisation pages' lists, as their export buttons write them. */
export const orgListExports: ListExports = {
  'org.employees.list': employeesExport,
  'org.groups.list': groupsExport,
  'org.positions.list': positionsExport,
  'org.deputies.list': deputiesExport,
};
