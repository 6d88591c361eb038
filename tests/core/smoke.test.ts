import { describe, expect, it } from 'vitest';
import { initialised, ok } from './support/harness.js';

describe('core smoke', () => {
  it('sets up a department with demo data and lists employees', async () => {
    const { core, admin } = await initialised({ demo: true });
    const page = await ok(core, admin, 'org.employees.list', { pageSize: 10 });
    expect(page.total).toBe(25);
    expect(page.rows).toHaveLength(10);
    expect(page.rows[0]!.employeeNo).toBe('YY001');
  });
});
