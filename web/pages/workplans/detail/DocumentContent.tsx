import { Card, Descriptions, Divider, Empty, Flex, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { assignmentModes } from '../../../../shared/schemas/workplans';
import type { DocumentView } from '../../../api/workplans';
import { workplanEditor as e, workplanTodo } from '../../../locales/zh-CN';
import { formatFigure } from '../progressFormat';

type Task = DocumentView['sections'][number]['tasks'][number];

function TaskBlock({ task }: { task: Task }) {
  const assigned =
    task.assignedOrgs.length > 0
      ? task.assignedOrgs.map((o) => o.name).join('、')
      : assignmentModes[task.assignment.mode];
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 16px', marginBottom: 12 }}>
      <Typography.Text strong>
        {task.number}. {task.title}
      </Typography.Text>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'period',
            label: workplanTodo.period,
            children: workplanTodo.periodText(task.startMonth, task.endMonth),
          },
          { key: 'lead', label: e.leadDepartments, children: task.leadDepartments.join('、') || '—' },
          { key: 'coop', label: e.cooperatingUnits, children: task.cooperatingUnits.join('、') || '—' },
          { key: 'assigned', label: e.assignment, children: assigned },
          {
            key: 'targets',
            label: e.targets,
            span: 'filled',
            children: task.targets.length ? (
              <Flex gap={6} wrap>
                {task.targets.map((g) => (
                  <Tag key={g.id} color="blue" variant="outlined">
                    {g.metric} {formatFigure(g.value)} {g.unit}
                    {g.dueDate && `（${g.dueDate} 前）`}
                  </Tag>
                ))}
              </Flex>
            ) : (
              e.noTargets
            ),
          },
        ]}
      />
      {task.content && (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 2, expandable: true, symbol: e.showContent }}
          style={{ marginBottom: 0, fontSize: 13 }}
        >
          {task.content}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** 文件内容: the document as saved, section by section, with each task's facts and the full text. */
export function DocumentContent({ doc }: { doc: DocumentView }) {
  const sections = doc.sections.filter((s) => s.tasks.length > 0);
  return (
    <Flex vertical gap={16} data-testid="document-content">
      {sections.length === 0 && (
        <Card>
          <Empty description={e.noTasksInSection} />
        </Card>
      )}
      {sections.map((s) => (
        <Card key={s.id} size="small" title={`${e.section(s.number)}${s.title}`}>
          {s.tasks.map((task, i) => {
            const group =
              task.group && task.group !== s.tasks[i - 1]?.group
                ? s.groups.find((g) => g.number === task.group)
                : undefined;
            return (
              <Fragment key={task.id}>
                {group && (
                  <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
                    <Typography.Text strong>
                      {group.number}
                      {group.title}
                    </Typography.Text>
                  </Divider>
                )}
                <TaskBlock task={task} />
              </Fragment>
            );
          })}
        </Card>
      ))}
      {doc.fullText && (
        <Card size="small" title={e.fullText}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, fontSize: 13 }}>
            {doc.fullText}
          </Typography.Paragraph>
        </Card>
      )}
    </Flex>
  );
}
