import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  type CreateFileInput,
  type HardshipCandidate,
  type HardshipFile,
  type HouseholdMemberInput,
  useCreateHardshipFile,
  useHardshipCandidates,
  useUpdateHardshipFile,
  useUploadConsentForm,
} from '../../api/hardship';
import { FormModal } from '../../components/FormModal';
import { useDebounced } from '../../components/useDebounced';
import { hardship as t } from '../../locales/hardship.zh-CN';
import { HouseholdFields, type HouseholdRow } from './HouseholdFields';
import { causeOptions, consentMethodOptions, levelOptions, perCapitaFen } from './hardshipOptions';

interface FormValues {
  memberId?: number;
  filedOn?: Dayjs;
  level?: string;
  causes?: string[];
  causeOther?: string;
  householdSize?: number;
  address?: string;
  phone?: string;
  household?: HouseholdRow[];
  consentGiven?: boolean;
  consentMethod?: string;
  consentedOn?: Dayjs;
}

/** Finds active members of the caller's scope by name; those already on file cannot be picked. */
function MemberSearchSelect({
  value,
  onChange,
  onPicked,
  id,
}: {
  value?: number;
  onChange?: (v: number) => void;
  onPicked?: (member: HardshipCandidate) => void;
  id?: string;
}) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query);
  const found = useHardshipCandidates(q);
  return (
    <Select<number>
      id={id}
      value={value}
      placeholder={t.form.memberPlaceholder}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={found.isFetching}
      notFoundContent={q.trim() ? t.form.noCandidates : null}
      onChange={(v) => {
        onChange?.(v);
        const picked = found.data?.find((m) => m.id === v);
        if (picked) onPicked?.(picked);
      }}
      data-testid="member-select"
      options={(found.data ?? []).map((m) => ({
        value: m.id,
        disabled: m.activeFileId !== null,
        label: `${m.name}（${m.idNumber}）`,
        data: m,
      }))}
      optionRender={(option) => {
        const m = option.data.data;
        return (
          <div>
            <div>
              {m.name} <Typography.Text type="secondary">{m.idNumber}</Typography.Text>
              {m.activeFileId !== null && <Typography.Text type="warning"> · {t.form.memberHasFile}</Typography.Text>}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.org.name}
            </Typography.Text>
          </div>
        );
      }}
    />
  );
}

const toFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? undefined : Math.round(yuan * 100);

interface FileFormModalProps {
  /** Editing this file; creating a new one when left out. */
  file?: HardshipFile;
  onClose: () => void;
  onSaved: (file: HardshipFile) => void;
}

/**
 * 新建/修改档案: basic data, the household table, and the consent step — health and income can be
 * entered only once the consent is ticked (or one is on file), and are sent with it in one request.
 */
export function FileFormModal({ file, onClose, onSaved }: FileFormModalProps) {
  const f = t.form;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateHardshipFile();
  const update = useUpdateHardshipFile();
  const uploadForm = useUploadConsentForm();
  const [scan, setScan] = useState<File | null>(null);
  const consentGiven = Form.useWatch('consentGiven', form) ?? false;
  const household = Form.useWatch('household', form) ?? [];
  const size = Form.useWatch('householdSize', form) ?? 0;
  const causes = Form.useWatch('causes', form) ?? [];
  const sensitiveHidden = file?.sensitiveHidden ?? false;
  const consentOnFile = (file?.consents.length ?? 0) > 0;
  const sensitiveEnabled = consentGiven || (consentOnFile && !sensitiveHidden);
  const figures = perCapitaFen(
    household.map((p) => toFen(p?.income) ?? null),
    size,
  );

  const initialValues: FormValues = file
    ? {
        level: file.level,
        causes: file.causes,
        causeOther: file.causeOther ?? undefined,
        householdSize: file.householdSize,
        address: file.address,
        household: file.household.map((p) => ({
          key: p.key,
          relation: p.relation,
          name: p.name,
          age: p.age,
          employment: p.employment,
          health: p.health ?? undefined,
          healthNote: p.healthNote ?? undefined,
          income: p.incomeFen === null || p.incomeFen === undefined ? undefined : p.incomeFen / 100,
        })),
        consentGiven: false,
        consentedOn: dayjs(),
        consentMethod: 'written',
      }
    : {
        filedOn: dayjs(),
        level: 'relative',
        causes: [],
        householdSize: 1,
        household: [{ relation: 'self' }],
        consentGiven: false,
        consentedOn: dayjs(),
        consentMethod: 'written',
      };

  const householdBody = (rows: HouseholdRow[]): HouseholdMemberInput[] =>
    rows.map((p) => {
      const base = {
        ...(p.key ? { key: p.key } : {}),
        relation: p.relation as HouseholdMemberInput['relation'],
        name: p.name ?? '',
        age: p.age ?? 0,
        employment: p.employment || null,
      };
      // Without permission the values on file are kept: leave them out entirely.
      if (sensitiveHidden) return base;
      if (!sensitiveEnabled) return { ...base, health: null, healthNote: null, incomeFen: null };
      return {
        ...base,
        health: (p.health || null) as HouseholdMemberInput['health'],
        healthNote: p.healthNote || null,
        incomeFen: toFen(p.income) ?? null,
      };
    });

  const submit = async (v: FormValues) => {
    const consent =
      v.consentGiven && v.consentMethod && v.consentedOn
        ? {
            method: v.consentMethod as NonNullable<CreateFileInput['consent']>['method'],
            consentedOn: v.consentedOn.format('YYYY-MM-DD'),
          }
        : undefined;
    const common = {
      level: v.level as CreateFileInput['level'],
      causes: (v.causes ?? []) as CreateFileInput['causes'],
      causeOther: v.causes?.includes('other') ? v.causeOther || null : null,
      householdSize: v.householdSize ?? 1,
      address: v.address ?? '',
      household: householdBody(v.household ?? []),
      ...(consent ? { consent } : {}),
    };
    const saved = file
      ? await update.mutateAsync({
          id: file.id,
          body: { ...common, ...(v.phone ? { phone: v.phone } : {}) },
        })
      : await create.mutateAsync({
          ...common,
          memberId: v.memberId ?? 0,
          filedOn: (v.filedOn ?? dayjs()).format('YYYY-MM-DD'),
          phone: v.phone || null,
        });
    const newest = saved.consents[0];
    if (scan && consent && newest && !newest.form) {
      try {
        await uploadForm.mutateAsync({ consentId: newest.id, file: scan });
        message.success(f.formUploaded);
      } catch {
        message.warning(f.formUploadFailed);
      }
    }
    return saved;
  };

  return (
    <FormModal<FormValues, HardshipFile>
      title={file ? f.editTitle : f.title}
      name="hardshipFile"
      form={form}
      width={1040}
      initialValues={initialValues}
      submit={submit}
      successMessage={f.saved}
      pending={create.isPending || update.isPending || uploadForm.isPending}
      onClose={onClose}
      onDone={onSaved}
      okText={f.submit}
      fieldMap={{ consent: 'consentGiven', 'consent.consentedOn': 'consentedOn' }}
      testId="hardship-form"
    >
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {f.stepBasic}
      </Divider>
      <Row gutter={16}>
        {!file && (
          <Col span={12}>
            <Form.Item name="memberId" label={f.member} rules={[{ required: true, message: f.memberPlaceholder }]}>
              <MemberSearchSelect
                onPicked={(m) => {
                  // The member is the household's 本人: fill that row from the roster.
                  const rows = form.getFieldValue('household') ?? [];
                  const self = rows.findIndex((p: HouseholdRow) => p?.relation === 'self');
                  if (self >= 0) {
                    form.setFieldValue(['household', self, 'name'], m.name);
                    form.setFieldValue(['household', self, 'age'], m.age);
                  }
                }}
              />
            </Form.Item>
          </Col>
        )}
        {!file && (
          <Col span={6}>
            <Form.Item name="filedOn" label={f.filedOn} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        )}
        <Col span={6}>
          <Form.Item name="level" label={f.level} rules={[{ required: true }]}>
            <Select options={levelOptions} data-testid="level-select" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="causes" label={f.causes} rules={[{ required: true, message: f.causes }]}>
            <Checkbox.Group options={causeOptions} />
          </Form.Item>
        </Col>
        {causes.includes('other') && (
          <Col span={12}>
            <Form.Item name="causeOther" label={f.causeOther} rules={[{ required: true, message: f.required }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        )}
        <Col span={12}>
          <Form.Item name="address" label={f.address} rules={[{ required: true, message: f.required }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="phone" label={f.phone} extra={file ? (file.phone ?? undefined) : f.phoneHint}>
            <Input maxLength={11} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="householdSize"
            label={f.householdSize}
            tooltip={f.householdSizeHint}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{f.stepConsent}</Divider>
      <Alert type="info" showIcon title={f.consentIntro} style={{ marginBottom: 12 }} />
      {consentOnFile && (
        <Typography.Paragraph type="secondary">{f.consentOnFile(file?.consents.length ?? 0)}</Typography.Paragraph>
      )}
      <Row gutter={16} align="middle">
        <Col span={8}>
          <Form.Item name="consentGiven" valuePropName="checked">
            <Checkbox data-testid="consent-given">{f.consentGiven}</Checkbox>
          </Form.Item>
        </Col>
        {consentGiven && (
          <>
            <Col span={5}>
              <Form.Item name="consentMethod" label={f.consentMethod} rules={[{ required: true }]}>
                <Select options={consentMethodOptions} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="consentedOn" label={f.consentedOn} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={f.consentForm}>
                <Upload
                  maxCount={1}
                  accept="image/*,application/pdf"
                  beforeUpload={(picked) => {
                    setScan(picked);
                    return false;
                  }}
                  onRemove={() => setScan(null)}
                >
                  <Button icon={<UploadOutlined />}>{f.consentFormPick}</Button>
                </Upload>
              </Form.Item>
            </Col>
          </>
        )}
      </Row>

      <Divider titlePlacement="start">{f.stepHousehold}</Divider>
      {sensitiveHidden ? (
        <Alert type="warning" showIcon title={f.sensitiveHiddenEdit} style={{ marginBottom: 12 }} />
      ) : (
        !sensitiveEnabled && <Alert type="warning" showIcon title={f.sensitiveLocked} style={{ marginBottom: 12 }} />
      )}
      <HouseholdFields sensitiveEnabled={sensitiveEnabled} sensitiveHidden={sensitiveHidden} />
      {!sensitiveHidden && sensitiveEnabled && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="per-capita-preview">
          <Typography.Text strong>{f.perCapita}：</Typography.Text>
          {figures ? f.perCapitaValue(figures.total, size, figures.each) : f.perCapitaUnknown}
        </Typography.Paragraph>
      )}
    </FormModal>
  );
}
