import { pinyin } from 'pinyin-pro';

/** Lower-case pinyin initials of a Chinese name, other letters and digits kept ("南通市总工会" → "ntszgh"). */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', separator: '', nonZh: 'consecutive' })
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Full pinyin and initials of a person's name, reading the surname as a surname (曾 zeng, 单 shan). */
export function personNamePinyin(name: string): { full: string; initials: string } {
  const options = { toneType: 'none', separator: '', nonZh: 'removed', surname: 'head' } as const;
  const clean = (v: string) => v.toLowerCase().replace(/[^a-z]/g, '');
  return { full: clean(pinyin(name, options)), initials: clean(pinyin(name, { ...options, pattern: 'first' })) };
}
