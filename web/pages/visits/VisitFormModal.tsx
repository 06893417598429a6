import { useQuery } from '@tanstack/react-query';
import {
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fenToYuanText, yuanToFen } from '../../../shared/money';
import { maxPhotoBytes, maxPhotos, visitTargetKinds } from '../../../shared/schemas/visits';
import { type CampaignView, fetchTargets, fetchVisitingOrgs, useCreateVisit, type VisitDetail } from '../../api/visits';
import { FilesUpload } from '../../components/FilesUpload';
import { FormModal, notSent } from '../../components/FormModal';
import { useDebounced } from '../../components/useDebounced';
import { visits as t } from '../../locales/visits.zh-CN';

interface Values {
  orgId: number;
  visitDate: Dayjs;
  targetKind: 'enterprise' | 'worker';
  unnamed?: boolean;
  targetOrgId?: number;
  memberId?: number;
  targetName?: string;
  employerName?: string;
  workersReached: number;
  goods?: string;
  goodsYuan?: string;
  cashYuan?: string;
  narrative?: string;
}

/** A select searching the server as the user types. */
function RemoteSelect({
  queryKey,
  load,
  placeholder,
  value,
  onChange,
  id,
  testId,
}: {
  queryKey: unknown[];
  load: (q: string) => Promise<{ value: number; label: string; extra?: string | null }[]>;
  placeholder: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
  id?: string;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const term = useDebounced(q);
  const options = useQuery({ queryKey: [...queryKey, term], queryFn: () => load(term) });
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={options.isFetching}
      allowClear
      data-testid={testId}
      notFoundContent={options.isFetching ? t.search : undefined}
      options={(options.data ?? []).map((o) => ({
        value: o.value,
        label: (
          <span>
            {o.label}
            {o.extra && <Typography.Text type="secondary">{` · ${o.extra}`}</Typography.Text>}
          </span>
        ),
      }))}
    />
  );
}

const yuanRule = {
  validator: (_: unknown, v?: string) =>
    !v || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t.yuanInvalid)),
};

/** 登记走访: who visited, whom (an enterprise or a worker), when, how many, goods and money (yuan → fen exactly), photos. */
export function VisitFormModal({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateVisit();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const kind = Form.useWatch('targetKind', form) ?? 'enterprise';
  const unnamed = Form.useWatch('unnamed', form) ?? false;
  const today = dayjs();
  const lastDay = dayjs(campaign.endDate).isBefore(today) ? dayjs(campaign.endDate) : today;

  const submit = async (v: Values) => {
    const goodsFen = yuanToFen(v.goodsYuan || '0') ?? 0;
    const cashFen = yuanToFen(v.cashYuan || '0') ?? 0;
    if (goodsFen + cashFen <= 0) {
      form.setFields([{ name: 'goodsYuan', errors: [t.amountRequired] }]);
      return notSent;
    }
    const data = new FormData();
    const put = (name: string, value: string | number | undefined) => {
      if (value !== undefined && value !== '') data.append(name, String(value));
    };
    put('campaignId', campaign.id);
    put('orgId', v.orgId);
    put('visitDate', v.visitDate.format('YYYY-MM-DD'));
    put('targetKind', v.targetKind);
    if (v.unnamed) {
      put('targetName', v.targetName?.trim());
      put('employerName', v.employerName?.trim());
    } else if (v.targetKind === 'enterprise') put('targetOrgId', v.targetOrgId);
    else put('memberId', v.memberId);
    put('workersReached', v.targetKind === 'worker' ? 1 : v.workersReached);
    put('goods', v.goods?.trim());
    put('goodsFen', goodsFen);
    put('cashFen', cashFen);
    put('narrative', v.narrative?.trim());
    for (const p of photos) if (p.originFileObj) data.append('files', p.originFileObj, p.name);
    return create.mutateAsync(data);
  };

  return (
    <FormModal<Values, VisitDetail>
      title={`${t.formTitle} · ${campaign.title}`}
      name="visit"
      form={form}
      width={720}
      initialValues={{ targetKind: 'enterprise', workersReached: 1, visitDate: lastDay }}
      pending={create.isPending}
      successMessage={t.recorded}
      okText={t.record}
      onClose={onClose}
      fieldMap={{ goodsFen: 'goodsYuan', cashFen: 'cashYuan' }}
      testId="visit-form"
      submit={submit}
    >
      <Typography.Paragraph type="secondary">
        {t.remaining(fenToYuanText(campaign.budgetFen - campaign.spentFen))}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="orgId" label={t.visitor} rules={[{ required: true, message: t.required }]}>
            <RemoteSelect
              queryKey={['visits', 'visiting-orgs', campaign.id]}
              load={(q) =>
                fetchVisitingOrgs(campaign.id, q).then((r) => r.items.map((o) => ({ value: o.id, label: o.name })))
              }
              placeholder={t.visitorPlaceholder}
              testId="visit-visitor"
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="visitDate" label={t.visitDate} rules={[{ required: true, message: t.required }]}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(campaign.startDate), 'day') || d.isAfter(lastDay, 'day')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="targetKind" label={t.targetKind}>
        <Radio.Group
          optionType="button"
          options={Object.entries(visitTargetKinds).map(([value, label]) => ({ value, label }))}
          onChange={() => form.setFieldsValue({ targetOrgId: undefined, memberId: undefined, workersReached: 1 })}
        />
      </Form.Item>
      <Form.Item name="unnamed" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{kind === 'enterprise' ? t.noUnion : t.nonMember}</Checkbox>
      </Form.Item>
      {unnamed ? (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="targetName"
              label={kind === 'enterprise' ? t.enterpriseName : t.workerName}
              rules={[{ required: true, whitespace: true, message: t.required }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {kind === 'worker' && (
            <Col span={12}>
              <Form.Item name="employerName" label={t.workerEmployer}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          )}
        </Row>
      ) : kind === 'enterprise' ? (
        <Form.Item name="targetOrgId" label={t.enterprise} rules={[{ required: true, message: t.required }]}>
          <RemoteSelect
            queryKey={['visits', 'targets', campaign.id, 'enterprise']}
            load={(q) =>
              fetchTargets(campaign.id, 'enterprise', q).then((r) =>
                r.items.map((o) => ({ value: o.id, label: o.name, extra: o.detail ?? o.orgName })),
              )
            }
            placeholder={t.enterprisePlaceholder}
            testId="visit-enterprise"
          />
        </Form.Item>
      ) : (
        <Form.Item name="memberId" label={t.worker} rules={[{ required: true, message: t.required }]}>
          <RemoteSelect
            queryKey={['visits', 'targets', campaign.id, 'worker']}
            load={(q) =>
              fetchTargets(campaign.id, 'worker', q).then((r) =>
                r.items.map((o) => ({
                  value: o.id,
                  label: o.name,
                  extra: `${o.orgName}${o.detail ? ` · ${o.detail}` : ''}`,
                })),
              )
            }
            placeholder={t.workerPlaceholder}
            testId="visit-worker"
          />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="workersReached" label={t.workersReached} rules={[{ required: true, message: t.required }]}>
            <InputNumber min={1} max={1_000_000} precision={0} disabled={kind === 'worker'} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="goodsYuan" label={t.goodsYuan} rules={[yuanRule]}>
            <Input inputMode="decimal" suffix="元" placeholder="0.00" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="cashYuan" label={t.cashYuan} rules={[yuanRule]}>
            <Input inputMode="decimal" suffix="元" placeholder="0.00" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="goods" label={t.goodsText}>
        <Input maxLength={500} placeholder={t.goodsPlaceholder} />
      </Form.Item>
      <Form.Item name="narrative" label={t.narrative}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t.narrativePlaceholder} />
      </Form.Item>
      <Form.Item label={t.photos} extra={t.photosHint}>
        <FilesUpload
          kind="photos"
          maxFiles={maxPhotos}
          maxBytes={maxPhotoBytes}
          value={photos}
          onChange={setPhotos}
          testId="visit-photos-upload"
        />
      </Form.Item>
    </FormModal>
  );
}
