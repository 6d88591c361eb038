import { z } from 'zod';
import { mutation, query } from './define.js';
import {
  blankToUndefined,
  email,
  fileUpload,
  id,
  isoDate,
  listParams,
  optionalText,
  requiredText,
  type FileDownload,
  type Page,
} from './fields.js';
import { EMPLOYEE_STATUSES, GENDERS, type EmployeeImportField, type EmployeeStatus, type Gender } from '../domain/org.js';
import { PHONE_KINDS, phoneProblem } from '../domain/phone.js';

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  leadEmployeeId: string | null;
  leadName: string | null;
  deputies: { employeeId: string; name: string }[];
  memberCount: number;
  sortOrder: number;
  archived: boolean;
  /** Edits so far: an update names the one it was made from (editedMeanwhile otherwise). */
  version: number;
}

export interface PositionRow {
  id: string;
  title: string;
  level: number;
  duties: string;
  employeeCount: number;
  archived: boolean;
  /** Edits so far: an update names the one it was made from (editedMeanwhile otherwise). */
  version: number;
}

export interface EmployeeRow {
  id: string;
  employeeNo: string;
  name: string;
  gender: Gender;
  positionId: string | null;
  positionTitle: string | null;
  groupId: string | null;
  groupName: string | null;
  managerId: string | null;
  managerName: string | null;
  hireDate: string;
  /** null when none is recorded, or when the caller may not see it (contactsHidden). */
  phone: string | null;
  email: string | null;
  /**
   * Contact details are for those who need them (PIPL): without org.contacts or org.write for
   * this employee's group, and unless it is the caller's own record, phone, email and login name
   * are left out and this is true.
   */
  contactsHidden: boolean;
  status: EmployeeStatus;
  leftDate: string | null;
  archived: boolean;
}

export interface EmployeeDetail extends EmployeeRow {
  duties: string | null;
  reports: { id: string; name: string; employeeNo: string }[];
  managedGroups: { id: string; name: string }[];
  /** The linked account; its login name is null when contactsHidden. */
  userAccount: { id: string; username: string | null } | null;
  createdAt: string;
  updatedAt: string;
  /** Edits so far: an update names the one it was made from (editedMeanwhile otherwise). */
  version: number;
}

export interface OrgChartNode {
  employeeId: string;
  name: string;
  positionTitle: string | null;
  groupName: string | null;
  /** Active direct reports, loaded or not. */
  reportCount: number;
  /**
   * The reports, where they came with this answer: org.chart sends the first two levels (the
   * roots and their reports), org.chart.reports one level; deeper levels are [] until asked for.
   */
  children: OrgChartNode[];
}

export interface OrgChart {
  departmentName: string;
  /** Active employees without an active manager, the department manager (lowest position level) first. */
  roots: OrgChartNode[];
  groups: { id: string; name: string; leadName: string | null; deputyNames: string[]; memberCount: number }[];
}

export type ImportProblemCode =
  | 'missing'
  | 'badDate'
  | 'badEmail'
  | 'badPhone'
  | 'badValue'
  | 'tooLong'
  | 'unknownGroup'
  | 'unknownPosition'
  | 'unknownManager'
  | 'duplicateInFile'
  | 'duplicateExisting'
  | 'outOfScope'
  | 'managerCycle';

export interface ImportProblem {
  field: EmployeeImportField;
  code: ImportProblemCode;
}

export interface ImportPreviewRow {
  /** The row number as the user sees it in the spreadsheet (header is row 1). */
  rowNumber: number;
  values: Partial<Record<EmployeeImportField, string>>;
  problems: ImportProblem[];
}

export interface ImportPreview {
  fileName: string;
  /** Columns found in the header, in file order, mapped to fields (null: ignored column). */
  columns: { header: string; field: EmployeeImportField | null }[];
  rows: ImportPreviewRow[];
  validCount: number;
  invalidCount: number;
  /** A problem with the file itself (no header, no rows, unreadable): nothing can be imported. */
  fileProblem: 'unreadable' | 'empty' | 'noHeader' | 'tooManyRows' | null;
}

/** An optional reference: omitted, null or '' (a cleared select) all mean "none". */
const optionalId = () =>
  z
    .union([id(), z.literal('')])
    .nullish()
    .transform((v) => v || null);

/** A phone number by the mainland rule, or any foreign number when its kind says "other" (shared/domain/phone.ts). */
const phoneField = () =>
  z
    .string({ message: 'validation.invalidPhone' })
    .trim()
    .max(30, { message: 'validation.tooLong' });

/**
 * The version of the record a form was filled from. Optional, so scripts written before it keep
 * working (they overwrite, as before); the app always sends it.
 */
const recordVersion = () => z.number({ message: 'validation.invalidValue' }).int({ message: 'validation.invalidValue' }).min(1, { message: 'validation.invalidValue' }).optional();

/** The fields of an employee, each with its own rule. */
const employeeFields = {
  employeeNo: z
    .string({ message: 'validation.required' })
    .trim()
    .min(1, { message: 'validation.required' })
    .max(30, { message: 'validation.tooLong' })
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'validation.invalidEmployeeNo' }),
  name: requiredText(50),
  gender: z.enum(GENDERS, { message: 'validation.required' }),
  positionId: optionalId(),
  groupId: optionalId(),
  managerId: optionalId(),
  hireDate: isoDate(),
  phone: blankToUndefined(phoneField()),
  /** How to read `phone`: a mainland number (default) or another, foreign one ("other"). */
  phoneKind: z.enum(PHONE_KINDS, { message: 'validation.invalidValue' }).default('mainland'),
  email: blankToUndefined(email()),
};

/**
 * The phone rule needs two fields (the number and its kind). It runs even when other fields
 * fail, so the form gets every problem of a call at once.
 */
function checkPhone(value: { phone?: string | undefined; phoneKind?: string }, ctx: z.core.$RefinementCtx<unknown>): void {
  if (typeof value.phone !== 'string') return;
  const problem = phoneProblem(value.phone, value.phoneKind === 'other' ? 'other' : 'mainland');
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['phone'], input: value.phone });
}
/** Check the phone only once the object itself and its phone fields parsed (a null body has no phone to read). */
const whenPhoneParsed = {
  when: (payload: z.core.ParsePayload) =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    !payload.issues.some((i) => !i.path?.length || i.path[0] === 'phone' || i.path[0] === 'phoneKind'),
};

const employeeListFilters = {
  groupId: id().optional(),
  positionId: id().optional(),
  status: z.enum(EMPLOYEE_STATUSES).optional(),
  includeArchived: z.boolean().default(false),
};

export const EMPLOYEE_SORT_FIELDS = ['employeeNo', 'name', 'hireDate', 'groupName', 'positionTitle', 'status'] as const;

export const orgContract = {
  'org.department.get': query<{ name: string }>()({ input: z.object({}).strict(), permission: 'org.read' }),
  'org.department.update': mutation<{ name: string }>()({
    input: z.object({ name: requiredText(100) }).strict(),
    permission: 'org.structure',
  }),

  'org.groups.list': query<GroupRow[]>()({
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    permission: 'org.read',
  }),
  'org.groups.create': mutation<GroupRow>()({
    input: z
      .object({ name: requiredText(50), description: optionalText(2000), leadEmployeeId: optionalId() })
      .strict(),
    permission: 'org.structure',
  }),
  'org.groups.update': mutation<GroupRow>()({
    input: z
      .object({ id: id(), name: requiredText(50), description: optionalText(2000), leadEmployeeId: optionalId(), version: recordVersion() })
      .strict(),
    permission: 'org.structure',
  }),
  'org.groups.archive': mutation<GroupRow>()({ input: z.object({ id: id() }).strict(), permission: 'org.structure' }),
  'org.groups.restore': mutation<GroupRow>()({ input: z.object({ id: id() }).strict(), permission: 'org.structure' }),

  'org.positions.list': query<PositionRow[]>()({
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    permission: 'org.read',
  }),
  'org.positions.create': mutation<PositionRow>()({
    input: z
      .object({ title: requiredText(50), level: z.number().int().min(1).max(20).default(4), duties: optionalText(5000) })
      .strict(),
    permission: 'org.structure',
  }),
  'org.positions.update': mutation<PositionRow>()({
    input: z
      .object({ id: id(), title: requiredText(50), level: z.number().int().min(1).max(20), duties: optionalText(5000), version: recordVersion() })
      .strict(),
    permission: 'org.structure',
  }),
  'org.positions.archive': mutation<PositionRow>()({ input: z.object({ id: id() }).strict(), permission: 'org.structure' }),
  'org.positions.restore': mutation<PositionRow>()({ input: z.object({ id: id() }).strict(), permission: 'org.structure' }),

  'org.employees.list': query<Page<EmployeeRow>>()({
    input: z.object({ ...listParams([...EMPLOYEE_SORT_FIELDS]), ...employeeListFilters }).strict(),
    permission: 'org.read',
  }),
  'org.employees.get': query<EmployeeDetail>()({ input: z.object({ id: id() }).strict(), permission: 'org.read' }),
  'org.employees.create': mutation<EmployeeDetail>()({
    input: z.object(employeeFields).strict().superRefine(checkPhone, whenPhoneParsed),
    permission: 'org.write',
  }),
  'org.employees.update': mutation<EmployeeDetail>()({
    input: z
      .object({
        id: id(),
        ...employeeFields,
        status: z.enum(EMPLOYEE_STATUSES),
        leftDate: blankToUndefined(isoDate()),
        version: recordVersion(),
      })
      .strict()
      .superRefine(checkPhone, whenPhoneParsed),
    permission: 'org.write',
  }),
  'org.employees.archive': mutation<EmployeeDetail>()({ input: z.object({ id: id() }).strict(), permission: 'org.write' }),
  'org.employees.restore': mutation<EmployeeDetail>()({ input: z.object({ id: id() }).strict(), permission: 'org.write' }),
  'org.employees.importPreview': query<ImportPreview>()({ input: fileUpload(), permission: 'org.write' }),
  /** Imports the rows of the file that pass every check; the file is checked again here. */
  'org.employees.importCommit': mutation<{ imported: number; skipped: number }>()({
    input: fileUpload(),
    permission: 'org.write',
  }),
  /** The employee list as .xlsx: contact details as the caller may see them, hence org.contacts. */
  'org.employees.export': query<FileDownload>()({
    input: z
      .object({
        ...employeeListFilters,
        search: z.string().trim().max(100).optional(),
        locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
      })
      .strict(),
    permission: 'org.contacts',
  }),
  /** An empty import file with the headers the import reads and one example row. */
  'org.employees.importTemplate': query<FileDownload>()({
    input: z.object({ locale: z.enum(['zh-CN', 'en-US']).default('zh-CN') }).strict(),
    permission: 'org.write',
  }),

  'org.deputies.list': query<{ employeeId: string; name: string; groupIds: string[] }[]>()({
    input: z.object({}).strict(),
    permission: 'org.read',
  }),
  /** Sets the groups a deputy manages (分管); replaces the previous assignment. */
  'org.deputies.assign': mutation<{ employeeId: string; groupIds: string[] }>()({
    input: z.object({ employeeId: id(), groupIds: z.array(id()).max(50) }).strict(),
    permission: 'org.structure',
  }),
  'org.chart': query<OrgChart>()({ input: z.object({}).strict(), permission: 'org.read' }),
  /** One level of the chart: a manager's active reports, by employee number. */
  'org.chart.reports': query<OrgChartNode[]>()({ input: z.object({ managerId: id() }).strict(), permission: 'org.read' }),
  /** The managers above an active employee, from the root down: what to open to show them. */
  'org.chart.path': query<{ managerIds: string[] }>()({ input: z.object({ employeeId: id() }).strict(), permission: 'org.read' }),
};
