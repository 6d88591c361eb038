import type { FileDownload } from '../../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { Ctx } from '../../kernel/context.js';
import { exportRows, type ExportColumn } from '../../kernel/export.js';
import { employeeQuery, toEmployeeRow } from './employees.js';
import type { EmployeeRow } from '../../../../shared/api/org.js';

const COLUMNS: ExportColumn<EmployeeRow>[] = [
  { key: 'employeeNo', zh: '工号', en: 'Employee no.', width: 12 },
  { key: 'name', zh: '姓名', en: 'Name', width: 12 },
  { key: 'gender', zh: '性别', en: 'Gender', width: 8, value: (r, zh) => (r.gender === 'male' ? (zh ? '男' : 'Male') : zh ? '女' : 'Female') },
  { key: 'positionTitle', zh: '岗位', en: 'Position' },
  { key: 'groupName', zh: '小组', en: 'Group' },
  { key: 'managerName', zh: '直属上级', en: 'Manager' },
  { key: 'hireDate', zh: '入职日期', en: 'Hire date', width: 12 },
  { key: 'phone', zh: '电话', en: 'Phone' },
  { key: 'email', zh: '邮箱', en: 'Email', width: 24 },
  { key: 'status', zh: '状态', en: 'Status', width: 8, value: (r, zh) => (r.status === 'active' ? (zh ? '在职' : 'Active') : zh ? '离职' : 'Left') },
  { key: 'leftDate', zh: '离职日期', en: 'Left date', width: 12 },
];

/** The employee list as .xlsx, with the list's filters; headers match what the import reads. */
export async function exportEmployees(ctx: Ctx, input: ParsedInputOf<'org.employees.export'>): Promise<FileDownload> {
  ctx.progress(0, 1, 'querying');
  const raw = await employeeQuery(ctx.manager, input).orderBy('e.employee_no', 'ASC').getRawMany<Record<string, unknown>>();
  const zh = input.locale === 'zh-CN';
  return exportRows(ctx, {
    fileBase: zh ? '员工名单' : 'employees',
    sheetName: zh ? '员工' : 'Employees',
    columns: COLUMNS,
    rows: raw.map(toEmployeeRow),
    locale: input.locale,
  });
}
