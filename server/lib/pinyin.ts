import { pinyin } from 'pinyin-pro';

/** Lower-case pinyin initials of a Chinese name, other letters and digits kept ("南通市总工会" → "ntszgh"). */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', separator: '', nonZh: 'consecutive' })
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
