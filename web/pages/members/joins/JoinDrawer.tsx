import { Descriptions, Drawer, Flex, Result, Skeleton, Typography } from 'antd';
import { genders, workerCategories } from '../../../../shared/memberEnums';
import { isNotFound } from '../../../api/client';
import { type JoinView, useJoin, useRevealJoinField } from '../../../api/joins';
import { formatTime, orDash } from '../../../components/format';
import { LinkButton } from '../../../components/LinkButton';
import { common, members, memberJoins as t } from '../../../locales/zh-CN';
import { RevealValue } from '../RevealValue';
import { JoinStatusTag } from './JoinStatusTag';
import { JoinActions } from './JoinsTable';

function detailItems(j: JoinView, reveal: ReturnType<typeof useRevealJoinField>, onOpenMember: (id: number) => void) {
  const f = members.fields;
  const decided = j.reviewerName && j.reviewedAt ? t.reviewedBy(j.reviewerName, formatTime(j.reviewedAt)) : null;
  return [
    { key: 'name', label: f.name, children: j.name },
    { key: 'gender', label: f.gender, children: genders[j.gender] },
    { key: 'ethnicity', label: f.ethnicity, children: j.ethnicity },
    { key: 'birthDate', label: f.birthDate, children: `${j.birthDate}（${j.age} ${members.ageUnit}）` },
    {
      key: 'idNumber',
      label: f.idNumber,
      span: 2,
      children: <RevealValue memberId={j.id} field="idNumber" masked={j.idNumber} via={reveal} />,
    },
    {
      key: 'mobile',
      label: f.mobile,
      span: 2,
      children: <RevealValue memberId={j.id} field="mobile" masked={j.mobile} via={reveal} />,
    },
    { key: 'education', label: f.education, children: orDash(j.education) },
    { key: 'politicalStatus', label: f.politicalStatus, children: orDash(j.politicalStatus) },
    { key: 'employerName', label: f.employerName, span: 2, children: orDash(j.employerName) },
    { key: 'employerCreditCode', label: f.employerCreditCode, span: 2, children: orDash(j.employerCreditCode) },
    { key: 'position', label: f.position, children: orDash(j.position) },
    { key: 'workerCategory', label: f.workerCategory, children: workerCategories[j.workerCategory] },
    { key: 'union', label: t.union, span: 2, children: j.union.name },
    { key: 'note', label: t.note, span: 2, children: orDash(j.note) },
    { key: 'createdAt', label: t.createdAt, children: formatTime(j.createdAt) },
    { key: 'status', label: t.status, children: <JoinStatusTag status={j.status} /> },
    ...(decided ? [{ key: 'review', label: t.review, span: 2, children: decided }] : []),
    ...(j.reviewComment ? [{ key: 'comment', label: t.rejectComment, span: 2, children: j.reviewComment }] : []),
    ...(j.memberId
      ? [
          {
            key: 'member',
            label: t.memberCreated,
            span: 2,
            children: <LinkButton onClick={() => onOpenMember(j.memberId ?? 0)}>{t.openMember}</LinkButton>,
          },
        ]
      : []),
  ];
}

interface JoinDrawerProps {
  joinId: number | null;
  onClose: () => void;
  onApprove: (join: JoinView) => Promise<unknown>;
  onReject: (join: JoinView) => void;
  onOpenMember: (id: number) => void;
}

/** One application in full (numbers masked, 查看 to reveal, audited), with 通过 / 驳回 while pending. */
export function JoinDrawer({ joinId, onClose, onApprove, onReject, onOpenMember }: JoinDrawerProps) {
  const detail = useJoin(joinId);
  const reveal = useRevealJoinField();
  const join = detail.data;
  return (
    <Drawer
      open={joinId !== null}
      onClose={onClose}
      size={720}
      title={
        <Flex gap={8} align="center">
          <span>{join ? join.name : t.detailTitle}</span>
          {join && <JoinStatusTag status={join.status} />}
        </Flex>
      }
      extra={join && <JoinActions join={join} onApprove={onApprove} onReject={onReject} />}
      destroyOnHidden
      data-testid="join-drawer"
    >
      {detail.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {detail.error && (
        <Result
          status="warning"
          title={isNotFound(detail.error) ? t.notFound : common.loadFailed}
          subTitle={isNotFound(detail.error) ? undefined : detail.error.message}
        />
      )}
      {join && (
        <>
          <Descriptions
            bordered
            size="small"
            column={2}
            styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
            items={detailItems(join, reveal, onOpenMember)}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {members.revealHint}
          </Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}
