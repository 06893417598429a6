import { Input, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { fenToYuanText, yuanToFen } from '../../../shared/money';
import { assistanceCommon as t } from '../../locales/assistance.zh-CN';

/**
 * A yuan amount typed as text ("1500", "1,500.50"): the form keeps the text, and `yuanToFen` turns it
 * into integer fen on submit by reading its digits, so 0.29 元 is exactly 29 分.
 */
export function YuanInput(props: Omit<InputProps, 'suffix' | 'inputMode'>) {
  return <Input inputMode="decimal" suffix={t.yuan} placeholder={t.yuanPlaceholder} {...props} />;
}

/** The rules of a yuan field: a positive amount to the fen, at most `maxFen` (and the balance if given). */
export function yuanRules({
  required,
  maxFen,
  tooLarge,
  balance,
}: {
  required: string;
  maxFen: number;
  tooLarge: string;
  /** The fund's balance and what to say when the amount exceeds it. */
  balance?: { fen: number; message: string };
}): Rule[] {
  return [
    { required: true, whitespace: true, message: required },
    {
      validator: (_rule, value: string | undefined) => {
        if (!value?.trim()) return Promise.resolve();
        const fen = yuanToFen(value);
        if (fen === null) return Promise.reject(new Error(t.amountInvalid));
        if (fen <= 0) return Promise.reject(new Error(t.amountPositive));
        if (fen > maxFen) return Promise.reject(new Error(tooLarge));
        if (balance && fen > balance.fen) return Promise.reject(new Error(balance.message));
        return Promise.resolve();
      },
    },
  ];
}

/** The fen of a validated yuan field (the rules above already refused anything else). */
export function fenOf(text: string | undefined): number {
  const fen = yuanToFen(text ?? '');
  if (fen === null) throw new Error(`not an amount: ${text}`);
  return fen;
}

/** An amount in a table cell or description: yuan to the fen, digits aligned. */
export function Yuan({ fen }: { fen: number | null | undefined }) {
  if (fen === null || fen === undefined) return <span>—</span>;
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{fenToYuanText(fen)}</span>;
}
