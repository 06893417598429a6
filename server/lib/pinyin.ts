import { pinyin } from 'pinyin-pro';

/** Lower-case pinyin initials of a Chinese name, other letters and digits kept ("南通市总工会" → "ntszgh"). */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', separator: '', nonZh: 'consecutive' })
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Full pinyin and initials of a person's name, reading the surname as a surname (曾 zeng, 单 shan). One
 * transliteration gives both (the initials are each syllable's first letter): a bulk import pays for it
 * per row.
 */
export function personNamePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', nonZh: 'removed', surname: 'head', type: 'array' }).map((s) =>
    s.toLowerCase().replace(/[^a-z]/g, ''),
  );
  return { full: syllables.join(''), initials: syllables.map((s) => s.charAt(0)).join('') };
}
