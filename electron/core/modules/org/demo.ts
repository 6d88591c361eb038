import { IsNull } from 'typeorm';
import type { Role } from '../../../../shared/domain/roles.js';
import type { Ctx } from '../../kernel/context.js';
import { createUser } from '../auth/service.js';
import { DeputyGroupEntity, EmployeeEntity, GroupEntity, PositionEntity } from './entities.js';
import { insertEmployee } from './employees.js';

/** A realistic small department: a manager, two deputies, three groups with leads, about 25 people. */
const PEOPLE: {
  no: string;
  name: string;
  gender: 'male' | 'female';
  position: string;
  group: string | null;
  manager: string | null;
  hired: string;
  account?: { username: string; roles: Role[] };
}[] = [
  { no: 'YY001', name: '王建国', gender: 'male', position: '经理', group: null, manager: null, hired: '2015-03-02', account: { username: 'manager', roles: ['manager'] } },
  { no: 'YY002', name: '李晓梅', gender: 'female', position: '副经理', group: null, manager: 'YY001', hired: '2017-06-19', account: { username: 'deputy1', roles: ['deputy'] } },
  { no: 'YY003', name: '张志强', gender: 'male', position: '副经理', group: null, manager: 'YY001', hired: '2018-09-03', account: { username: 'deputy2', roles: ['deputy'] } },
  { no: 'YY004', name: '陈静', gender: 'female', position: '组长', group: '项目运营组', manager: 'YY002', hired: '2019-02-25', account: { username: 'lead1', roles: ['lead'] } },
  { no: 'YY005', name: '刘洋', gender: 'male', position: '组长', group: '数据分析组', manager: 'YY003', hired: '2019-07-08', account: { username: 'lead2', roles: ['lead'] } },
  { no: 'YY006', name: '赵丽娟', gender: 'female', position: '组长', group: '客户服务组', manager: 'YY003', hired: '2020-04-13', account: { username: 'lead3', roles: ['lead'] } },
  { no: 'YY007', name: '孙浩', gender: 'male', position: '专员', group: '项目运营组', manager: 'YY004', hired: '2020-08-17', account: { username: 'staff1', roles: ['staff'] } },
  { no: 'YY008', name: '周敏', gender: 'female', position: '专员', group: '项目运营组', manager: 'YY004', hired: '2021-03-01' },
  { no: 'YY009', name: '吴磊', gender: 'male', position: '专员', group: '项目运营组', manager: 'YY004', hired: '2021-05-10' },
  { no: 'YY010', name: '郑雪', gender: 'female', position: '专员', group: '项目运营组', manager: 'YY004', hired: '2022-02-14' },
  { no: 'YY011', name: '冯涛', gender: 'male', position: '专员', group: '项目运营组', manager: 'YY004', hired: '2023-07-03' },
  { no: 'YY012', name: '何佳', gender: 'female', position: '专员', group: '数据分析组', manager: 'YY005', hired: '2020-11-09', account: { username: 'staff2', roles: ['staff'] } },
  { no: 'YY013', name: '许文博', gender: 'male', position: '专员', group: '数据分析组', manager: 'YY005', hired: '2021-09-06' },
  { no: 'YY014', name: '马琳', gender: 'female', position: '专员', group: '数据分析组', manager: 'YY005', hired: '2022-06-20' },
  { no: 'YY015', name: '朱明', gender: 'male', position: '专员', group: '数据分析组', manager: 'YY005', hired: '2023-03-13' },
  { no: 'YY016', name: '胡婷', gender: 'female', position: '专员', group: '数据分析组', manager: 'YY005', hired: '2024-04-01' },
  { no: 'YY017', name: '林峰', gender: 'male', position: '专员', group: '客户服务组', manager: 'YY006', hired: '2020-05-18', account: { username: 'staff3', roles: ['staff'] } },
  { no: 'YY018', name: '高欣', gender: 'female', position: '专员', group: '客户服务组', manager: 'YY006', hired: '2021-01-04' },
  { no: 'YY019', name: '罗斌', gender: 'male', position: '专员', group: '客户服务组', manager: 'YY006', hired: '2021-10-11' },
  { no: 'YY020', name: '梁爽', gender: 'female', position: '专员', group: '客户服务组', manager: 'YY006', hired: '2022-08-29' },
  { no: 'YY021', name: '宋凯', gender: 'male', position: '专员', group: '客户服务组', manager: 'YY006', hired: '2023-02-20' },
  { no: 'YY022', name: '唐悦', gender: 'female', position: '专员', group: '客户服务组', manager: 'YY006', hired: '2024-03-11' },
  { no: 'YY023', name: '韩雨', gender: 'female', position: '专员', group: '客户服务组', manager: 'YY006', hired: '2025-06-16' },
  { no: 'YY024', name: '曹宇', gender: 'male', position: '专员', group: '项目运营组', manager: 'YY004', hired: '2025-09-01' },
  { no: 'YY025', name: '邓倩', gender: 'female', position: '人事专员', group: null, manager: 'YY001', hired: '2019-11-11', account: { username: 'hr', roles: ['hr'] } },
];

/** Deputies and the groups they manage (分管). */
const DEPUTY_GROUPS: Record<string, string[]> = { YY002: ['项目运营组'], YY003: ['数据分析组', '客户服务组'] };

export async function seedOrgDemo(ctx: Ctx, demoPassword: string, options: { mustChangePassword?: boolean } = {}): Promise<{ employees: number; accounts: string[] }> {
  const positions = ctx.manager.getRepository(PositionEntity);
  if (!(await positions.findOne({ where: { title: '人事专员', archivedAt: IsNull() } }))) {
    await positions.insert({
      id: ctx.services.newId(),
      title: '人事专员',
      level: 4,
      duties: '负责考勤统计、绩效考核汇总和培训记录等人事工作。',
      archivedAt: null,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    });
  }
  const positionId = new Map((await positions.find({ where: { archivedAt: IsNull() } })).map((p) => [p.title, p.id]));
  const groups = await ctx.manager.getRepository(GroupEntity).find({ where: { archivedAt: IsNull() } });
  const groupId = new Map(groups.map((g) => [g.name, g.id]));
  const ids = new Map<string, string>();
  const accounts: string[] = [];
  for (const p of PEOPLE) {
    const employee = await insertEmployee(ctx, {
      employeeNo: p.no,
      name: p.name,
      gender: p.gender,
      positionId: positionId.get(p.position) ?? null,
      groupId: p.group ? (groupId.get(p.group) ?? null) : null,
      managerId: p.manager ? (ids.get(p.manager) ?? null) : null,
      hireDate: p.hired,
      phone: `138${p.no.slice(2).padStart(8, '0')}`,
      email: `${p.no.toLowerCase()}@example.com`,
    });
    ids.set(p.no, employee.id);
    if (p.position === '组长' && p.group) {
      await ctx.manager.getRepository(GroupEntity).update({ id: groupId.get(p.group)! }, { leadEmployeeId: employee.id });
    }
    if (p.account) {
      await createUser(ctx, {
        username: p.account.username,
        displayName: p.name,
        password: demoPassword,
        roles: p.account.roles,
        employeeId: employee.id,
        mustChangePassword: options.mustChangePassword ?? false,
      });
      accounts.push(p.account.username);
    }
  }
  for (const [no, names] of Object.entries(DEPUTY_GROUPS)) {
    await ctx.manager
      .getRepository(DeputyGroupEntity)
      .insert(names.map((name) => ({ employeeId: ids.get(no)!, groupId: groupId.get(name)! })).filter((d) => d.groupId));
  }
  return { employees: await ctx.manager.getRepository(EmployeeEntity).count(), accounts };
}
