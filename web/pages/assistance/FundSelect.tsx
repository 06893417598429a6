import { Flex, Select, Typography } from 'antd';
import { fenToYuanText } from '../../../shared/money';
import { type FundView, useFunds } from '../../api/assistance';
import { assistanceCommon as t } from '../../locales/assistance.zh-CN';

interface FundSelectProps {
  value?: number | null;
  onChange?: (id: number | undefined, fund: FundView | undefined) => void;
  /** Only the funds that serve this org (its own and those above it); default: every fund in scope. */
  orgId?: number;
  /** Offer closed funds too (filters); a decision needs an open fund. */
  includeClosed?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}

/** A fund chooser that shows each fund's owner and balance (never negative), so a cadre sees what is left. */
export function FundSelect({
  value,
  onChange,
  orgId,
  includeClosed,
  allowClear,
  placeholder,
  style,
  id,
}: FundSelectProps) {
  const funds = useFunds(orgId ? { orgId } : {});
  const items = (funds.data ?? []).filter((f) => includeClosed || f.status === 'open');
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      style={style}
      allowClear={allowClear}
      loading={funds.isPending}
      placeholder={placeholder ?? t.fundPlaceholder}
      notFoundContent={funds.isPending ? undefined : t.noFunds}
      showSearch={{ optionFilterProp: 'label' }}
      options={items.map((f) => ({ value: f.id, label: f.name, fund: f }))}
      optionRender={(option) => {
        const fund = option.data.fund as FundView;
        return (
          <Flex vertical data-testid="fund-option">
            <span>{fund.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fund.orgName} · {t.fundBalance(fenToYuanText(Math.max(0, fund.balanceFen)))}
              {fund.status === 'closed' ? ` · ${t.fundClosed}` : ''}
            </Typography.Text>
          </Flex>
        );
      }}
      onChange={(next) =>
        onChange?.(
          next ?? undefined,
          items.find((f) => f.id === next),
        )
      }
    />
  );
}
