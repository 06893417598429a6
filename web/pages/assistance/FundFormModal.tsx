import { AutoComplete, Form, Input, InputNumber } from 'antd';
import type { OrgType } from '../../../shared/enums';
import { fenToYuanText } from '../../../shared/money';
import { type FundView, fundSourceSuggestions, maxBudgetFen } from '../../../shared/schemas/assistance';
import { useCreateFund, useUpdateFund } from '../../api/assistance';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { OrgPicker } from '../../components/OrgPicker';
import { assistanceCommon as c, assistanceFunds as t } from '../../locales/assistance.zh-CN';
import { fenOf, YuanInput, yuanRules } from './money';

interface FundValues {
  orgId?: number;
  name?: string;
  year?: number;
  source?: string;
  budget?: string;
}

/** Who may own a fund: the city and county federations and industry unions (the server refuses others). */
const fundOwnerTypes: readonly OrgType[] = ['city_federation', 'county_federation', 'industry_union'];

const sourceOptions = fundSourceSuggestions.map((value) => ({ value }));

/** 设立资金 (no fund) or 编辑 (a fund): name, owner, year, source and the budget in yuan. */
export function FundFormModal({ fund, onClose }: { fund?: FundView; onClose: () => void }) {
  const create = useCreateFund();
  const update = useUpdateFund();
  const { account } = useSession();
  // Budget may not drop below what is already approved and paid from the fund.
  const usedFen = fund ? fund.committedFen + fund.paidFen : 0;
  const ownsFunds = fundOwnerTypes.includes(account.org.type as OrgType);

  const submit = (values: FundValues) => {
    const budgetFen = fenOf(values.budget);
    if (fund) {
      return update.mutateAsync({
        id: fund.id,
        name: values.name?.trim(),
        source: values.source?.trim(),
        budgetFen,
      });
    }
    return create.mutateAsync({
      orgId: values.orgId ?? 0,
      name: values.name?.trim() ?? '',
      year: values.year ?? new Date().getFullYear(),
      source: values.source?.trim() ?? '',
      budgetFen,
    });
  };

  const rules = [
    ...yuanRules({ required: t.budgetRequired, maxFen: maxBudgetFen, tooLarge: c.budgetTooLarge }),
    {
      validator: (_rule: unknown, value: string | undefined) => {
        if (!fund || !value?.trim()) return Promise.resolve();
        try {
          return fenOf(value) < usedFen
            ? Promise.reject(new Error(t.budgetBelowUsed(fenToYuanText(usedFen))))
            : Promise.resolve();
        } catch {
          return Promise.resolve();
        }
      },
    },
  ];

  return (
    <FormModal<FundValues>
      title={fund ? t.editTitle(fund.name) : t.createTitle}
      name="fund-form"
      testId="fund-form"
      width={560}
      initialValues={
        fund
          ? {
              orgId: fund.orgId,
              name: fund.name,
              year: fund.year,
              source: fund.source,
              budget: fenToYuanText(fund.budgetFen, { grouping: false }),
            }
          : {
              orgId: ownsFunds ? account.org.id : undefined,
              year: new Date().getFullYear(),
              source: fundSourceSuggestions[0],
            }
      }
      submit={submit}
      successMessage={fund ? t.updated : t.created}
      pending={create.isPending || update.isPending}
      okText={fund ? undefined : t.create}
      onClose={onClose}
      fieldMap={{ budgetFen: 'budget' }}
    >
      {fund ? (
        // The owner of an existing fund does not change: the cases it serves hang on it.
        <Form.Item label={t.owner}>{fund.orgName}</Form.Item>
      ) : (
        <Form.Item name="orgId" label={t.owner} rules={[{ required: true, message: t.ownerRequired }]}>
          <OrgPicker onlyTypes={fundOwnerTypes} initialOrg={ownsFunds ? account.org : undefined} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t.name} rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
        <Input maxLength={60} placeholder={t.namePlaceholder} />
      </Form.Item>
      <Form.Item name="year" label={t.year} rules={[{ required: true, message: t.yearRequired }]}>
        <InputNumber min={2000} max={2100} precision={0} disabled={!!fund} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item
        name="source"
        label={t.source}
        rules={[{ required: true, whitespace: true, message: t.sourceRequired }]}
      >
        <AutoComplete options={sourceOptions} maxLength={60} />
      </Form.Item>
      <Form.Item
        name="budget"
        label={t.budget}
        rules={rules}
        extra={fund ? t.budgetHint(fenToYuanText(usedFen)) : undefined}
      >
        <YuanInput />
      </Form.Item>
    </FormModal>
  );
}
