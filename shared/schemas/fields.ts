import { parseCreditCode } from '../validators/creditCode';
import { parseIdNumber } from '../validators/idNumber';
import { parseMobile } from '../validators/mobile';
import { z } from './common';

type Parsed<T> = ({ ok: true } & T) | { ok: false; message: string };

/** A trimmed string checked by one of the shared validators; its Chinese message becomes the field error. */
function checkedBy<T>(parse: (raw: string) => Parsed<T>) {
  return z
    .string()
    .trim()
    .transform((v, ctx) => {
      const parsed = parse(v);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      return parsed;
    });
}

/** A unified social credit code (GB 32100), normalised. */
export const creditCodeField = checkedBy(parseCreditCode).transform((r) => r.value);

/** A mainland mobile number, normalised to 11 digits. */
export const mobileField = checkedBy(parseMobile).transform((r) => r.value);

/** A resident ID number (GB 11643) with the birth date and gender it carries. */
export const idNumberField = checkedBy(parseIdNumber);
