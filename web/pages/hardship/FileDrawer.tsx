import { EyeInvisibleOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Result,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import {
  consentMethods,
  hardshipCauses,
  hardshipLevels,
  hardshipStatuses,
  healthStates,
  householdRelations,
  resolveReasons,
  reviewOutcomes,
} from '../../../shared/schemas/hardship';
import { isNotFound } from '../../api/client';
import { consentFormUrl, type HardshipFile, useHardshipFile, useUploadConsentForm } from '../../api/hardship';
import { useCan } from '../../app/session';
import { formatTime, orDash } from '../../components/format';
import { useShowError } from '../../components/formErrors';
import { hardship as t } from '../../locales/hardship.zh-CN';
import { FileFormModal } from './FileFormModal';
import { FileHistory } from './FileHistory';
import { levelColors } from './hardshipOptions';
import { ResolveModal, ReviewModal } from './ReviewModals';

type Dialog = 'edit' | 'review' | 'resolve' | null;

function BasicData({ file }: { file: HardshipFile }) {
  const d = t.drawer;
  const causes = file.causes
    .map((c) => (c === 'other' && file.causeOther ? `其他（${file.causeOther}）` : hardshipCauses[c]))
    .join('、');
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      data-testid="hardship-basic"
      items={[
        { key: 'member', label: d.member, children: `${file.member.name}（${file.member.age} 岁）` },
        { key: 'idNumber', label: d.idNumber, children: file.member.idNumber },
        { key: 'union', label: d.union, span: 2, children: file.org.name },
        {
          key: 'level',
          label: d.level,
          children: <Tag color={levelColors[file.level]}>{hardshipLevels[file.level]}</Tag>,
        },
        { key: 'causes', label: d.causes, children: causes },
        { key: 'householdSize', label: d.householdSize, children: t.persons(file.householdSize) },
        { key: 'phone', label: d.phone, children: orDash(file.phone) },
        { key: 'address', label: d.address, span: 2, children: file.address },
        { key: 'filedOn', label: d.filedOn, children: file.filedOn },
        {
          key: 'status',
          label: d.status,
          children: <Tag color={file.status === 'active' ? 'blue' : 'green'}>{hardshipStatuses[file.status]}</Tag>,
        },
        file.status === 'active'
          ? {
              key: 'next',
              label: d.nextReviewOn,
              span: 2,
              children: (
                <Space>
                  {file.nextReviewOn}
                  {file.reviewDue && <Tag color="gold">{t.dueSoon}</Tag>}
                </Space>
              ),
            }
          : {
              key: 'resolved',
              label: d.resolvedOn,
              span: 2,
              children: `${file.resolvedOn ?? ''} ${file.resolveReason ? resolveReasons[file.resolveReason] : ''}${file.resolveNote ? `（${file.resolveNote}）` : ''}`,
            },
        {
          key: 'createdBy',
          label: d.createdBy,
          span: 2,
          children: `${orDash(file.createdByName)} · ${formatTime(file.createdAt)}`,
        },
      ]}
    />
  );
}

/** 家庭成员 with, for holders of welfare.sensitive, health and income (the server recorded this view). */
function Household({ file }: { file: HardshipFile }) {
  const d = t.drawer;
  const shown = !file.sensitiveHidden;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {shown && file.hasSensitive && (
        <Alert
          type="warning"
          showIcon
          icon={<SafetyCertificateOutlined />}
          title={d.sensitiveNotice}
          data-testid="sensitive-notice"
        />
      )}
      {!shown && (
        <Alert
          type="info"
          showIcon
          icon={<EyeInvisibleOutlined />}
          title={d.sensitiveHidden}
          data-testid="sensitive-hidden"
        />
      )}
      {shown && !file.hasSensitive && <Alert type="info" showIcon title={d.sensitiveNone} />}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={file.household}
        data-testid="hardship-household"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: t.form.relation, width: 70, render: (_, p) => householdRelations[p.relation] },
          { title: t.form.personName, dataIndex: 'name', width: 90 },
          { title: t.form.age, dataIndex: 'age', width: 60 },
          { title: t.form.employment, render: (_, p) => orDash(p.employment) },
          ...(shown
            ? [
                {
                  title: t.form.health,
                  render: (_: unknown, p: HardshipFile['household'][number]) =>
                    p.health ? `${healthStates[p.health]}${p.healthNote ? `（${p.healthNote}）` : ''}` : '—',
                },
                {
                  title: t.form.income,
                  width: 120,
                  render: (_: unknown, p: HardshipFile['household'][number]) => t.yuan(p.incomeFen),
                },
              ]
            : []),
        ]}
      />
      {shown && (
        <Descriptions
          size="small"
          column={2}
          data-testid="hardship-income"
          items={[
            { key: 'total', label: d.householdIncome, children: t.yuan(file.householdIncomeFen) },
            {
              key: 'each',
              label: d.perCapita,
              children: <Typography.Text strong>{t.yuan(file.perCapitaIncomeFen)}</Typography.Text>,
            },
          ]}
        />
      )}
    </Space>
  );
}

function Consents({ file }: { file: HardshipFile }) {
  const d = t.drawer;
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const upload = useUploadConsentForm();
  if (file.consents.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.noConsent} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {file.consents.map((c) => (
        <Space key={c.id} wrap>
          <SafetyCertificateOutlined />
          <span>{d.consentLine(consentMethods[c.method], c.consentedOn, c.recordedByName)}</span>
          {c.form && can('welfare.sensitive') && (
            <Button size="small" href={consentFormUrl(c.id)} target="_blank">
              {d.viewForm}
            </Button>
          )}
          {!c.form && file.can.manage && (
            <Upload
              showUploadList={false}
              accept="image/*,application/pdf"
              beforeUpload={(picked) => {
                upload.mutateAsync({ consentId: c.id, file: picked }).then(
                  () => message.success(t.form.formUploaded),
                  (error: unknown) => showError(error),
                );
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                {d.uploadForm}
              </Button>
            </Upload>
          )}
        </Space>
      ))}
    </Space>
  );
}

function Reviews({ file }: { file: HardshipFile }) {
  const d = t.drawer;
  if (file.reviews.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.noReviews} />;
  return (
    <Timeline
      data-testid="hardship-reviews"
      items={file.reviews.map((r) => ({
        key: r.id,
        color: r.outcome === 'resolve' ? 'green' : r.outcome === 'change_level' ? 'orange' : 'blue',
        content: (
          <Space orientation="vertical" size={2}>
            <Space wrap>
              <Typography.Text strong>{r.reviewedOn}</Typography.Text>
              <Tag>{reviewOutcomes[r.outcome]}</Tag>
              {r.levelBefore !== r.levelAfter && (
                <Typography.Text type="secondary">
                  {d.levelChange(hardshipLevels[r.levelBefore], hardshipLevels[r.levelAfter])}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">{d.reviewer(r.reviewerName)}</Typography.Text>
            </Space>
            <Typography.Text>{r.comment}</Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}

/** One file: basic data, household (health and income only with the permission), consents, reviews, history. */
export function FileDrawer({ fileId, onClose }: { fileId: number | null; onClose: () => void }) {
  const d = t.drawer;
  const file = useHardshipFile(fileId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const data = file.data;
  const actions = data?.can.manage && (
    <Space>
      <Button onClick={() => setDialog('edit')} data-testid="hardship-edit">
        {d.edit}
      </Button>
      <Button type="primary" onClick={() => setDialog('review')} data-testid="hardship-review">
        {d.review}
      </Button>
      <Button danger onClick={() => setDialog('resolve')} data-testid="hardship-resolve">
        {d.resolve}
      </Button>
    </Space>
  );
  return (
    <Drawer
      open={fileId !== null}
      onClose={onClose}
      size={880}
      title={data ? d.title(data.member.name) : t.pageTitle}
      extra={actions}
      destroyOnHidden
      data-testid="hardship-drawer"
    >
      {file.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : !data ? (
        <Result status={isNotFound(file.error) ? '404' : 'error'} title={d.notFound} />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <BasicData file={data} />
          <Tabs
            items={[
              {
                key: 'household',
                label: `${d.household}（${data.household.length}）`,
                children: <Household file={data} />,
              },
              { key: 'reviews', label: `${d.reviews}（${data.reviews.length}）`, children: <Reviews file={data} /> },
              {
                key: 'consents',
                label: `${d.consents}（${data.consents.length}）`,
                children: <Consents file={data} />,
              },
              { key: 'history', label: d.history, children: <FileHistory file={data} /> },
            ]}
          />
        </Space>
      )}
      {data && dialog === 'edit' && (
        <FileFormModal file={data} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
      {data && dialog === 'review' && <ReviewModal file={data} onClose={() => setDialog(null)} />}
      {data && dialog === 'resolve' && <ResolveModal file={data} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}
