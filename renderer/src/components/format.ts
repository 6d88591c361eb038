import dayjs from 'dayjs';
import type { Locale } from '../../../shared/domain/locale';

/** Instants are stored as UTC; people read them in local time. */
export const formatInstant = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
export const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Items of a list in a sentence: "、" between them in Chinese, ", " in English. */
export const joinList = (items: string[], locale: Locale) => items.join(locale === 'zh-CN' ? '、' : ', ');
