/**
 * Which automatic backups to keep: grandfather-father-son. The newest backup of each of the last
 * `keepDaily` days that have one, of the last `keepWeekly` ISO weeks, and of the last
 * `keepMonthly` months; the newest backup overall is always kept. Days, weeks and months are
 * local calendar ones, as the user sees them.
 */
export interface RotationPolicy {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export function planRotation<T extends { createdAt: Date }>(backups: T[], policy: RotationPolicy): { keep: T[]; remove: T[] } {
  const sorted = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<T>(sorted.slice(0, 1));
  const pick = (keyOf: (d: Date) => string, limit: number) => {
    const seen = new Set<string>();
    for (const b of sorted) {
      if (seen.size >= limit) break;
      const key = keyOf(b.createdAt);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(b);
    }
  };
  pick(dayKey, policy.keepDaily);
  pick(isoWeekKey, policy.keepWeekly);
  pick((d) => `${d.getFullYear()}-${d.getMonth() + 1}`, policy.keepMonthly);
  return { keep: sorted.filter((b) => keep.has(b)), remove: sorted.filter((b) => !keep.has(b)) };
}

function dayKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** ISO-8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekKey(d: Date): string {
  const date = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const weekday = (date.getDay() + 6) % 7;
  date.setDate(date.getDate() - weekday + 3);
  const weekYear = date.getFullYear();
  const firstThursday = new Date(weekYear, 0, 4);
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getDay() + 6) % 7)) / 7);
  return `${weekYear}-W${week}`;
}
