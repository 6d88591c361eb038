import { describe, expect, it } from 'vitest';
import { parseLooseDate } from '../../shared/domain/dates.js';
import { isRealDate } from '../../shared/api/fields.js';

describe('parseLooseDate', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.3.1', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    [' 2024 年 03 月 01 日 ', '2024-03-01'],
    ['2024年3月1', '2024-03-01'],
    ['2024-03-01T00:00:00.000Z', '2024-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['2000/2/29', '2000-02-29'],
    ['20240305', '2024-03-05'], // typed without separators, as the date field and the import accept
    ['2024/3/5', '2024-03-05'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseLooseDate(text)).toBe(iso);
  });

  it.each([
    ['45352', '2024-03-01'],
    ['45352.0', '2024-03-01'],
    ['45351', '2024-02-29'],
    ['10000', '1927-05-18'],
    ['36526', '2000-01-01'],
  ])('reads the Excel serial day %s as %s', (serial, iso) => {
    expect(parseLooseDate(serial)).toBe(iso);
  });

  it.each([
    '',
    '   ',
    'yesterday',
    '2025-02-29', // not a leap year
    '1900/2/29', // nor is 1900
    '2024/13/1',
    '2024/0/10',
    '2024-04-31',
    '1899-12-31', // before the range the app accepts
    '2201-01-01',
    '24/3/1',
    '3/1/2024',
    '2024-03-01 extra',
    '45352.5', // a serial with a time of day is not a calendar date
    '999', // too short for a serial
    '0',
    '99999999',
    '20240230', // compact, but no such day
    '2024-02-30',
    '202403051',
  ])('rejects %j', (text) => {
    expect(parseLooseDate(text)).toBeNull();
  });
});

describe('isRealDate', () => {
  it('accepts only existing days in YYYY-MM-DD between 1900 and 2200', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2024-2-29')).toBe(false);
    expect(isRealDate('1900-01-01')).toBe(true);
    expect(isRealDate('1899-12-31')).toBe(false);
    expect(isRealDate('2200-12-31')).toBe(true);
    expect(isRealDate('2024-12-32')).toBe(false);
  });
});
