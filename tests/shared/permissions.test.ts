import { describe, expect, it } from 'vitest';
import { PERMISSION_TABLE, scopeFor } from '../../shared/domain/permissions.js';
import { ROLES } from '../../shared/domain/roles.js';

/**
 * Rules of the permission table that no single method's test would notice being broken by a later
 * edit of the table.
 */
describe('permission table', () => {
  // The audit log shows old and new values of every change, contact fields included (PIPL: only
  // those whose role needs them). Whoever reads the log must therefore be allowed to see contacts
  // department-wide; otherwise the audit page would be a way around the redaction of org.contacts.
  it('gives audit.read only to roles that see every contact in the department', () => {
    for (const role of ROLES) {
      if (scopeFor([role], 'audit.read') === null) continue;
      expect({ role, contacts: scopeFor([role], 'org.contacts') }).toEqual({ role, contacts: 'department' });
    }
    expect(Object.keys(PERMISSION_TABLE['audit.read']).length).toBeGreaterThan(0);
  });
});
