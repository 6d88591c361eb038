import { isRealDate } from '../api/fields.js';

/**
 * Reads a calendar date the way people type it in spreadsheets and date fields: 2024-03-01,
 * 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, or an Excel serial day number. Returns YYYY-MM-DD,
 * or null when it is not a real date (2024-02-30). The import and the employee form both read
 * dates with it, so a date typed either way means the same day.
 */
export function parseLooseDate(text: string): string | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^\d{5}(\.0+)?$/.test(s)) return fromExcelSerial(Number(s));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return realOrNull(`${compact[1]}-${compact[2]}-${compact[3]}`);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+Z?$/.exec(s);
  if (!m) return null;
  return realOrNull(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

const realOrNull = (iso: string): string | null => (isRealDate(iso) ? iso : null);

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
function fromExcelSerial(serial: number): string | null {
  if (serial < 1 || serial > 110_000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  const iso = date.toISOString().slice(0, 10);
  return isRealDate(iso) ? iso : null;
}
