import { describe, expect, it } from 'vitest';
import { impliedPhoneKind, phoneProblem } from '../../shared/domain/phone.js';

describe('phone numbers', () => {
  it.each([
    '13800000001',
    '+86 138 0000 0001',
    '+8613800000001',
    '0086 138 0000 0001',
    '138-0000-0001',
    '138 0000 0001',
    '021-5555 1234',
    '(021)55551234',
    '（021）55551234',
    '010-87654321',
    '0755-2345678',
    '0755 23456789',
    '010-62345678-123',
    '010-62345678转123',
    '021-55551234 ext 88',
    '+86 21 5555 1234',
    '+86 (0)21 5555 1234',
  ])('accepts the mainland number %j', (text) => {
    expect(phoneProblem(text)).toBeNull();
  });

  it.each([
    ['12345', 'validation.phoneNotMainland'],
    ['12800000000', 'validation.phoneNotMainland'], // no 12x mobile prefix
    ['1380000000', 'validation.phoneNotMainland'], // one digit short
    ['138000000012', 'validation.phoneNotMainland'],
    ['2155551234', 'validation.phoneNotMainland'], // a landline needs its area code
    ['021-0555 1234', 'validation.phoneNotMainland'], // local numbers never start with 0 or 1
    ['0755-1234567', 'validation.phoneNotMainland'],
    ['+44 20 7946 0958', 'validation.phoneNotMainland'], // foreign: only when marked "other"
    ['call me', 'validation.invalidPhone'],
    ['电话13800', 'validation.invalidPhone'],
    ['1'.repeat(31), 'validation.invalidPhone'],
  ])('refuses %j as a mainland number (%s)', (text, problem) => {
    expect(phoneProblem(text)).toBe(problem);
  });

  it('accepts + and 6 to 20 digits as a number marked other (foreign)', () => {
    for (const ok of ['+44 20 7946 0958', '+1-202-555-0175', '123456', '+852 2123 4567', '12345678901234567890']) expect(phoneProblem(ok, 'other'), ok).toBeNull();
    for (const bad of ['12345', '+12345', '123456789012345678901', '+44 (20) x', '44 20 abc']) expect(phoneProblem(bad, 'other'), bad).not.toBeNull();
    expect(phoneProblem('12345', 'other')).toBe('validation.invalidForeignPhone');
  });

  it('reads a number written in international form with another country code as meant to be foreign', () => {
    expect(impliedPhoneKind('+44 20 7946 0958')).toBe('other');
    expect(impliedPhoneKind('0044 20 7946 0958')).toBe('other');
    expect(impliedPhoneKind('+86 138 0000 0001')).toBe('mainland');
    expect(impliedPhoneKind('12345')).toBe('mainland');
  });
});
