import { Alert, Form, InputNumber, Select, Skeleton, Table, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useOrgChildren } from '../../../api/orgs';
import { type TodoItem, useDashboard, useSplitAllotment } from '../../../api/workplans';
import { FormModal, notSent } from '../../../components/FormModal';
import { workplanTodo as t } from '../../../locales/zh-CN';
import { formatFigure } from '../progressFormat';

interface SplitValues {
  targetId?: number;
  parts?: Record<string, number | null>;
}

/**
 * 分解任务: splits the org's share of one target among its direct children; a child left empty gets
 * nothing. The current split (if any) fills the form, and the sum may not exceed the share.
 */
export function SplitModal({ item, onClose }: { item: TodoItem; onClose: () => void }) {
  const [form] = Form.useForm<SplitValues>();
  const split = useSplitAllotment();
  const targets = item.targets.filter((g) => g.reported && g.goal > 0);
  const targetId = (Form.useWatch('targetId', form) as number | undefined) ?? targets[0]?.targetId;
  const target = targets.find((g) => g.targetId === targetId);
  const children = useOrgChildren(item.orgId, { status: 'active', limit: 200 });
  const current = useDashboard(item.documentId, item.orgId);
  const parts = (Form.useWatch('parts', form) ?? {}) as Record<string, number | null>;
  const sum = Object.values(parts).reduce<number>((s, v) => s + (v ?? 0), 0);
  const share = target?.goal ?? 0;
  const over = sum > share;

  // The children's present shares of the chosen target, from the drilled-down dashboard.
  const existing = useMemo(() => {
    const cells = current.data?.tasks.flatMap((task) => task.targets).find((g) => g.targetId === targetId)?.byOrg ?? [];
    return Object.fromEntries(cells.map((c) => [String(c.orgId), c.goal]));
  }, [current.data, targetId]);
  useEffect(() => {
    form.setFieldValue('parts', existing);
  }, [form, existing]);

  const submit = async (values: SplitValues) => {
    const chosen = Object.entries(values.parts ?? {})
      .filter(([, v]) => typeof v === 'number' && v > 0)
      .map(([orgId, value]) => ({ orgId: Number(orgId), value: value as number }));
    if (!target) return notSent;
    if (chosen.length === 0) {
      form.setFields([{ name: 'targetId', errors: [t.splitEmpty] }]);
      return notSent;
    }
    if (over) {
      form.setFields([{ name: 'targetId', errors: [t.splitOver(formatFigure(share), target.unit)] }]);
      return notSent;
    }
    return split.mutateAsync({ targetId: target.targetId, orgId: item.orgId, parts: chosen });
  };

  const rows = children.data?.items ?? [];
  return (
    <FormModal<SplitValues, { parts: number }>
      title={t.splitTitle(`${item.taskNumber}. ${item.taskTitle}`)}
      name="split"
      form={form}
      width={640}
      testId="split-form"
      initialValues={{ targetId: targets[0]?.targetId, parts: {} }}
      submit={submit}
      pending={split.isPending}
      okText={t.splitSave}
      onClose={onClose}
      successMessage={t.splitDone(Object.values(parts).filter((v) => (v ?? 0) > 0).length)}
    >
      {targets.length === 0 ? (
        <Alert type="info" showIcon message={t.splitNoShare} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t.splitHint}</Typography.Paragraph>
          <Form.Item name="targetId" label={t.splitTarget} rules={[{ required: true, message: t.splitTargetRequired }]}>
            <Select
              options={targets.map((g) => ({
                value: g.targetId,
                label: `${g.metric}（${t.splitShare(formatFigure(g.goal), g.unit)}）`,
              }))}
            />
          </Form.Item>
          {children.isPending ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : rows.length === 0 ? (
            <Alert type="warning" showIcon message={t.splitNoChildren} />
          ) : (
            <Table
              rowKey="id"
              size="small"
              dataSource={rows}
              pagination={false}
              scroll={{ y: 320 }}
              columns={[
                { title: t.splitChild, dataIndex: 'name' },
                {
                  title: t.splitValue,
                  key: 'value',
                  width: 180,
                  render: (_, org) => (
                    <Form.Item name={['parts', String(org.id)]} style={{ marginBottom: 0 }}>
                      <InputNumber
                        aria-label={`${org.name}${t.splitValue}`}
                        min={0}
                        style={{ width: 150 }}
                        suffix={target?.unit}
                      />
                    </Form.Item>
                  ),
                },
              ]}
              footer={() => (
                <Typography.Text type={over ? 'danger' : 'secondary'}>
                  {over
                    ? t.splitOver(formatFigure(share), target?.unit ?? '')
                    : t.splitSum(formatFigure(sum), formatFigure(share), target?.unit ?? '')}
                </Typography.Text>
              )}
            />
          )}
        </>
      )}
    </FormModal>
  );
}
