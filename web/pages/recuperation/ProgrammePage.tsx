import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isNotFound } from '../../api/client';
import { useProgramme, useUpdateProgramme } from '../../api/recuperation';
import { useShowError } from '../../components/formErrors';
import { rememberOrgs } from '../../components/OrgPicker';
import { recuperation as t } from '../../locales/recuperation.zh-CN';
import { ApplicantsPanel } from './ApplicantsPanel';
import { BatchesPanel } from './BatchesPanel';
import { ProgrammeModal } from './ProgrammeModal';
import { ProgrammeStatusTag, ruleTexts } from './recuperationParts';
import { StatsPanel } from './StatsPanel';

/** One programme: its batches with seats and quotas, the applicants, and the statistics. */
export default function ProgrammePage() {
  const id = Number(useParams().id);
  const programme = useProgramme(id);
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const update = useUpdateProgramme(id);
  const showError = useShowError();
  const { message } = App.useApp();
  const tab = params.get('tab') ?? 'batches';

  if (programme.error) {
    return isNotFound(programme.error) ? (
      <Result status="404" title={programme.error.message} extra={<Link to="/recuperation">{t.back}</Link>} />
    ) : (
      <Result status="error" title={programme.error.message} />
    );
  }
  if (!programme.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const p = programme.data;

  /** Opens the applicants tab with filters (from a figure of the batches or the statistics). */
  const openApplicants = ({ orgName, ...filters }: Record<string, string | number | undefined>) => {
    // The org filter's picker shows the name it is told, not a bare id.
    if (filters.orgId && orgName) rememberOrgs([{ id: Number(filters.orgId), name: String(orgName) }]);
    const next = new URLSearchParams({ tab: 'applicants' });
    for (const [k, v] of Object.entries(filters)) if (v !== undefined) next.set(k, String(v));
    setParams(next);
  };
  const setStatus = (status: 'open' | 'closed') =>
    update
      .mutateAsync({ status })
      .then(() => message.success(t.saved))
      .catch(showError);

  const actions = p.canManage && (
    <Space>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t.edit}
      </Button>
      {p.status !== 'open' && (
        <Popconfirm title={t.openSignupConfirm} onConfirm={() => setStatus('open')}>
          <Button type="primary" data-testid="recup-open">
            {p.status === 'closed' ? t.reopen : t.openSignup}
          </Button>
        </Popconfirm>
      )}
      {p.status === 'open' && (
        <Popconfirm title={t.closeConfirm} okButtonProps={{ danger: true }} onConfirm={() => setStatus('closed')}>
          <Button danger>{t.closeProgramme}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to="/recuperation" aria-label={t.back}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="recup-title">{p.title}</span>
            <ProgrammeStatusTag status={p.status} />
          </Space>
        }
        extra={actions}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t.owner}>{p.org.name}</Descriptions.Item>
          <Descriptions.Item label={t.year}>{p.year}</Descriptions.Item>
          <Descriptions.Item label={t.rules}>
            {ruleTexts(p).map((r) => (
              <Tag key={r}>{r}</Tag>
            ))}
          </Descriptions.Item>
          {p.description && (
            <Descriptions.Item label={t.description} span={3}>
              {p.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(new URLSearchParams({ tab: key }))}
          items={[
            {
              key: 'batches',
              label: t.tabBatches,
              children: <BatchesPanel programme={p} onOpenApplicants={openApplicants} />,
            },
            {
              key: 'applicants',
              label: t.tabApplicants,
              children: (
                <ApplicantsPanel
                  key={params.toString()}
                  programme={p}
                  initial={{
                    batchId: params.get('batchId') ? Number(params.get('batchId')) : undefined,
                    orgId: params.get('orgId') ? Number(params.get('orgId')) : undefined,
                    status: (params.get('status') as never) ?? undefined,
                  }}
                />
              ),
            },
            {
              key: 'stats',
              label: t.tabStats,
              children: <StatsPanel programme={p} onOpenApplicants={openApplicants} />,
            },
          ]}
        />
      </Card>
      {editing && <ProgrammeModal programme={p} onClose={() => setEditing(false)} />}
    </Space>
  );
}
