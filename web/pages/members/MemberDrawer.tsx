import { Button, Descriptions, Drawer, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { genders, workerCategories } from '../../../shared/memberEnums';
import { isNotFound } from '../../api/client';
import { type MemberView, useMember } from '../../api/members';
import { useCan } from '../../app/session';
import { formatTime, orDash } from '../../components/format';
import { common, members, memberTransfers } from '../../locales/zh-CN';
import { MemberHistory } from './MemberHistory';
import { MemberStatusTag } from './MemberStatusTag';
import type { MemberDialog } from './MembersTable';
import { RevealValue } from './RevealValue';

interface MemberDrawerProps {
  memberId: number | null;
  onClose: () => void;
  onOpenDialog: (dialog: MemberDialog, member: MemberView) => void;
}

function detailItems(member: MemberView) {
  const f = members.fields;
  const status = (
    <Space size="small">
      <MemberStatusTag status={member.status} />
      {member.statusDate && <Typography.Text type="secondary">{members.since(member.statusDate)}</Typography.Text>}
    </Space>
  );
  return [
    { key: 'name', label: f.name, children: member.name },
    { key: 'gender', label: f.gender, children: genders[member.gender] },
    { key: 'ethnicity', label: f.ethnicity, children: member.ethnicity },
    { key: 'birthDate', label: f.birthDate, children: `${member.birthDate}（${member.age} ${members.ageUnit}）` },
    {
      key: 'idNumber',
      label: f.idNumber,
      span: 2,
      children: <RevealValue memberId={member.id} field="idNumber" masked={member.idNumber} />,
    },
    {
      key: 'mobile',
      label: f.mobile,
      span: 2,
      children: <RevealValue memberId={member.id} field="mobile" masked={member.mobile} />,
    },
    { key: 'education', label: f.education, children: orDash(member.education) },
    { key: 'politicalStatus', label: f.politicalStatus, children: orDash(member.politicalStatus) },
    { key: 'employerName', label: f.employerName, span: 2, children: orDash(member.employerName) },
    { key: 'employerCreditCode', label: f.employerCreditCode, span: 2, children: orDash(member.employerCreditCode) },
    { key: 'position', label: f.position, children: orDash(member.position) },
    { key: 'workerCategory', label: f.workerCategory, children: workerCategories[member.workerCategory] },
    { key: 'org', label: f.org, span: 2, children: member.org.name },
    { key: 'joinedDate', label: f.joinedDate, children: member.joinedDate },
    { key: 'cardNo', label: f.cardNo, children: <span style={{ fontFamily: 'monospace' }}>{member.cardNo}</span> },
    { key: 'status', label: f.status, span: 2, children: status },
    { key: 'createdAt', label: f.createdAt, children: formatTime(member.createdAt) },
    { key: 'updatedAt', label: f.updatedAt, children: formatTime(member.updatedAt) },
  ];
}

/** One member's full record (numbers masked, 查看 to reveal) and change history, with the manage actions. */
export function MemberDrawer({ memberId, onClose, onOpenDialog }: MemberDrawerProps) {
  const can = useCan();
  const detail = useMember(memberId);
  const member = detail.data;
  const actions = member && can('members.manage') && (
    <Space>
      <Button onClick={() => onOpenDialog('edit', member)}>{members.edit}</Button>
      <Button onClick={() => onOpenDialog('status', member)}>{members.changeStatus}</Button>
      {member.status === 'active' && (
        <Button onClick={() => onOpenDialog('transfer', member)}>{memberTransfers.startOut}</Button>
      )}
    </Space>
  );

  return (
    <Drawer
      open={memberId !== null}
      onClose={onClose}
      size={720}
      title={
        <Flex gap={8} align="center">
          <span>{member ? member.name : members.detailTitle}</span>
          {member && <MemberStatusTag status={member.status} />}
        </Flex>
      }
      extra={actions}
      destroyOnHidden
      data-testid="member-drawer"
    >
      {detail.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {detail.error && (
        <Result
          status="warning"
          title={isNotFound(detail.error) ? members.notFound : common.loadFailed}
          subTitle={isNotFound(detail.error) ? undefined : detail.error.message}
        />
      )}
      {member && (
        <>
          <Descriptions
            bordered
            size="small"
            column={2}
            styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
            items={detailItems(member)}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {members.history}
          </Typography.Title>
          <MemberHistory member={member} />
        </>
      )}
    </Drawer>
  );
}
