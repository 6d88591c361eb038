import { defineHandlers } from '../../kernel/registry.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import {
  assignDeputy,
  createGroup,
  createPosition,
  getDepartment,
  groupRows,
  listDeputies,
  positionRows,
  setGroupArchived,
  setPositionArchived,
  updateDepartment,
  updateGroup,
  updatePosition,
} from './structure.js';
import { createEmployee, setEmployeeArchived, updateEmployee } from './employees.js';
import { getEmployee, listEmployees } from './employee-query.js';
import { employeeInputChecks } from './employee-checks.js';
import { importCommit, importPreview } from './import.js';
import { exportEmployees, orgListExports } from './export.js';
import { importTemplate } from './import-template.js';
import { chartPath, chartReports, orgChart } from './chart.js';
import { employeeAccess, groupAccess, positionAccess } from './access.js';

/** 组织架构与岗位职责: department, groups, positions and duties, employees, deputies, org chart. */
export const orgModule: ModuleDefinition = {
  name: 'org',
  handlers: defineHandlers({
    'org.department.get': getDepartment,
    'org.department.update': updateDepartment,
    'org.groups.list': (ctx, input) => groupRows(ctx.manager, { includeArchived: input.includeArchived }),
    'org.groups.create': createGroup,
    'org.groups.update': updateGroup,
    'org.groups.archive': (ctx, input) => setGroupArchived(ctx, input.id, true),
    'org.groups.restore': (ctx, input) => setGroupArchived(ctx, input.id, false),
    'org.positions.list': (ctx, input) => positionRows(ctx.manager, input.includeArchived),
    'org.positions.create': createPosition,
    'org.positions.update': updatePosition,
    'org.positions.archive': (ctx, input) => setPositionArchived(ctx, input.id, true),
    'org.positions.restore': (ctx, input) => setPositionArchived(ctx, input.id, false),
    'org.employees.list': listEmployees,
    'org.employees.get': getEmployee,
    'org.employees.create': createEmployee,
    'org.employees.update': updateEmployee,
    'org.employees.archive': (ctx, input) => setEmployeeArchived(ctx, input.id, true),
    'org.employees.restore': (ctx, input) => setEmployeeArchived(ctx, input.id, false),
    'org.employees.importPreview': importPreview,
    'org.employees.importCommit': importCommit,
    'org.employees.export': exportEmployees,
    'org.employees.importTemplate': importTemplate,
    'org.deputies.list': listDeputies,
    'org.deputies.assign': assignDeputy,
    'org.chart': orgChart,
    'org.chart.reports': chartReports,
    'org.chart.path': chartPath,
  }),
  recordAccess: { employee: employeeAccess, group: groupAccess, position: positionAccess },
  exports: orgListExports,
  inputChecks: employeeInputChecks,
};
