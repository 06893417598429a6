import dayjs from 'dayjs';

/** A timestamp as cadres read it: 2024-05-01 14:30. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** A timestamp to the second, for the audit log. */
export function formatTimeExact(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

/** Shows a dash for missing values so empty cells do not look broken. */
export function orDash(value: string | number | null | undefined): string | number {
  return value === null || value === undefined || value === '' ? '—' : value;
}

/** A count with thousands separators: 26,052. */
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** A part of a whole as a percentage with one decimal: 12.5%; a dash when the whole is zero. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—';
}
