/** Organisation vocabulary shared by the core, the renderer and imports (regulations 二). */
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** 在职 / 离职 */
export const EMPLOYEE_STATUSES = ['active', 'left'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

/** The three groups the regulations name (二.(一)); created at setup, editable afterwards. */
export const DEFAULT_GROUPS = [
  { name: '项目运营组', description: '负责项目的整体规划和运营策略制定；跟踪项目进度，协调各方资源，确保项目按时交付；对项目进行成本控制和风险管理；负责项目文档的整理和归档工作。' },
  { name: '数据分析组', description: '负责收集、整理和分析运营数据，为决策提供数据支持；建立和完善数据分析体系，定期生成数据分析报告；挖掘数据价值，提出优化建议。' },
  { name: '客户服务组', description: '负责客户咨询、投诉和建议的受理与处理；维护客户信息，提高客户满意度；定期回访客户，收集客户反馈，及时解决客户问题。' },
] as const;

/** Positions with the duties the regulations write down (二.(二)). */
export const DEFAULT_POSITIONS = [
  {
    title: '经理',
    level: 1,
    duties: '全面负责运营部的管理工作，制定部门工作计划和目标；协调与其他部门的沟通与协作，确保运营工作的顺利进行；监督和指导各职能小组的工作，定期进行工作评估；负责运营部团队建设，提升团队整体素质。',
  },
  {
    title: '副经理',
    level: 2,
    duties: '协助经理开展工作，负责分管领域的具体工作；制定分管工作的详细计划和方案，并组织实施；及时向经理汇报工作进展情况，提出工作建议；负责与相关部门的对接和协调，解决工作中出现的问题。',
  },
  { title: '组长', level: 3, duties: '组织本组日常工作，分配任务并跟踪进度；指导组员，向分管副经理汇报。' },
  { title: '专员', level: 4, duties: '按照岗位职责和工作流程完成本职工作，服从工作安排，积极主动完成工作任务。' },
] as const;

/** Import column headers, Chinese and English, mapped to employee fields. */
export const EMPLOYEE_IMPORT_COLUMNS = {
  employeeNo: ['工号', '员工编号', 'employee no', 'employee number', 'employeeno'],
  name: ['姓名', 'name'],
  gender: ['性别', 'gender'],
  position: ['岗位', '职位', 'position'],
  group: ['小组', '所属小组', '部门小组', 'group'],
  manager: ['直属上级', '上级', 'manager'],
  hireDate: ['入职日期', 'hire date', 'hiredate'],
  phone: ['电话', '手机', '联系电话', 'phone'],
  email: ['邮箱', '电子邮箱', 'email'],
  status: ['状态', '在职状态', 'status'],
  leftDate: ['离职日期', 'left date', 'leftdate', 'leaving date'],
} as const;
export type EmployeeImportField = keyof typeof EMPLOYEE_IMPORT_COLUMNS;

export const GENDER_WORDS: Record<string, Gender> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };
export const STATUS_WORDS: Record<string, EmployeeStatus> = { 在职: 'active', 离职: 'left', active: 'active', left: 'left' };
