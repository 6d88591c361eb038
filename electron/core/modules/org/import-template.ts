import type { FileDownload } from '../../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { Ctx } from '../../kernel/context.js';
import { XLSX_MIME } from '../../kernel/export.js';
import type { Bilingual } from '../../kernel/words.js';
import { employeesExport } from './export.js';

/** What each column of the import takes, for the template's second sheet. */
const COLUMN_NOTES: Record<string, { required: boolean; note: Bilingual }> = {
  employeeNo: { required: true, note: { zh: '字母、数字、- 和 _，不能与已有员工重复，例如 YY026', en: 'Letters, digits, - and _; unique, e.g. YY026' } },
  name: { required: true, note: { zh: '例如 王小明', en: 'e.g. 王小明' } },
  gender: { required: true, note: { zh: '男 或 女', en: '男 or 女 (male, female)' } },
  positionTitle: { required: false, note: { zh: '已有岗位的名称，例如 专员', en: 'The name of an existing position, e.g. 专员' } },
  groupName: { required: false, note: { zh: '已有小组的名称，例如 项目运营组', en: 'The name of an existing group, e.g. 项目运营组' } },
  managerName: { required: false, note: { zh: '直属上级的工号或姓名（可以是本文件中的员工）', en: "The manager's employee number or name (may be someone in this file)" } },
  hireDate: { required: true, note: { zh: '例如 2024-03-05、2024/3/5 或 20240305', en: 'e.g. 2024-03-05, 2024/3/5 or 20240305' } },
  phone: { required: false, note: { zh: '大陆手机号或带区号的固定电话；境外号码以 + 和国家代码开头', en: 'A mainland mobile or landline with area code; foreign numbers start with + and the country code' } },
  email: { required: false, note: { zh: '例如 wangxm@example.com', en: 'e.g. wangxm@example.com' } },
  status: { required: false, note: { zh: '在职 或 离职，不填为在职', en: '在职 (active) or 离职 (left); active when empty' } },
  leftDate: { required: false, note: { zh: '状态为离职时必填', en: 'Required when the status is 离职 (left)' } },
};

/**
 * An empty import file: the first sheet has only the header row the import reads (the export's
 * Chinese headers, so nothing to delete before importing), the second explains each column.
 */
export async function importTemplate(ctx: Ctx, input: ParsedInputOf<'org.employees.importTemplate'>): Promise<FileDownload> {
  const zh = input.locale === 'zh-CN';
  const columns = employeesExport.columns;
  const notes = {
    name: zh ? '填写说明' : 'How to fill in',
    columns: [
      { header: zh ? '列' : 'Column', key: 'column', width: 14 },
      { header: zh ? '必填' : 'Required', key: 'required', width: 8 },
      { header: zh ? '说明' : 'Notes', key: 'note', width: 70 },
    ],
    rows: columns.map((c) => {
      const n = COLUMN_NOTES[c.key];
      return { column: c.zh, required: n?.required ? (zh ? '是' : 'Yes') : zh ? '否' : 'No', note: n ? (zh ? n.note.zh : n.note.en) : '' };
    }),
  };
  const sheets = [{ name: zh ? '员工' : 'Employees', columns: columns.map((c) => ({ header: c.zh, key: c.key, width: c.width ?? 16 })), rows: [] }, notes];
  const bytes = await ctx.offConnection(() => ctx.services.jobs.run('writeSheets', { sheets }));
  const fileName = zh ? '员工导入模板.xlsx' : 'employee-import-template.xlsx';
  return { fileName, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64') };
}
