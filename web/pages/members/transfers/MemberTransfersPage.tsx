import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { type TransferStatus, transferStatuses } from '../../../../shared/memberEnums';
import { type TransferView, useDecideTransfer, useTransfers } from '../../../api/transfers';
import { useSession } from '../../../app/session';
import { useShowError } from '../../../components/formErrors';
import { CursorPager, usePagedFilters } from '../../../components/paging';
import { common, memberTransfers as t } from '../../../locales/zh-CN';
import { ReasonModal } from '../joins/ReasonModal';
import { useMemberDetail } from '../MemberDialogs';
import { TransferInModal } from './TransferInModal';
import { TransfersTable } from './TransfersTable';

type Direction = 'in' | 'out' | 'all';
type StatusChoice = TransferStatus | 'all';
const directionChoices = (['in', 'out', 'all'] as const).map((value) => ({ value, label: t.directions[value] }));
const statusChoices: { value: StatusChoice; label: string }[] = [
  ...(Object.keys(transferStatuses) as TransferStatus[]).map((value) => ({ value, label: transferStatuses[value] })),
  { value: 'all', label: common.all },
];

interface Filters {
  direction?: 'in' | 'out';
  status?: TransferStatus;
}

/**
 * 转会: transfers into and out of the caller's subtree. The side that did not start a transfer agrees
 * (同意 moves the member at once) or declines with a reason; 发起转入 asks for a person by ID number.
 */
export default function MemberTransfersPage() {
  const { grants } = useSession();
  const paging = usePagedFilters<Filters>({ status: 'pending' });
  const list = useTransfers({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const decide = useDecideTransfer();
  const showError = useShowError();
  const { message } = App.useApp();
  const [declining, setDeclining] = useState<TransferView | null>(null);
  const [startingIn, setStartingIn] = useState(false);
  const memberDetail = useMemberDetail();

  const accept = (x: TransferView) =>
    decide
      .mutateAsync({ id: x.id, accept: true })
      .then(() => message.success(t.accepted))
      .catch(showError);

  return (
    <Card
      title={t.pageTitle}
      extra={
        <Button icon={<UserAddOutlined />} onClick={() => setStartingIn(true)}>
          {t.startIn}
        </Button>
      }
    >
      <Flex align="center" gap={24} wrap style={{ marginBottom: 16 }}>
        <Flex align="center" gap={12}>
          <Typography.Text>{t.direction}</Typography.Text>
          <Segmented<Direction>
            options={directionChoices}
            value={paging.filters.direction ?? 'all'}
            onChange={(v) => paging.setFilters({ ...paging.filters, direction: v === 'all' ? undefined : v })}
            data-testid="transfer-direction"
          />
        </Flex>
        <Flex align="center" gap={12}>
          <Typography.Text>{t.statusFilter}</Typography.Text>
          <Segmented<StatusChoice>
            options={statusChoices}
            value={paging.filters.status ?? 'all'}
            onChange={(v) => paging.setFilters({ ...paging.filters, status: v === 'all' ? undefined : v })}
            data-testid="transfer-status-filter"
          />
        </Flex>
      </Flex>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <TransfersTable
          rows={list.data?.items}
          loading={list.isFetching}
          status={paging.filters.status}
          onOpenMember={memberDetail.open}
          onAccept={accept}
          onDecline={setDeclining}
        />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      {declining && (
        <ReasonModal
          title={t.declineTitle(declining.member.name)}
          words={{
            label: t.declineComment,
            placeholder: t.declineCommentPlaceholder,
            required: t.declineCommentRequired,
            ok: t.decline,
            done: t.declined,
          }}
          summary={
            <Typography.Paragraph type="secondary">{`${declining.from.name} → ${declining.to.name}`}</Typography.Paragraph>
          }
          pending={decide.isPending}
          send={(comment) => decide.mutateAsync({ id: declining.id, accept: false, comment })}
          onClose={() => setDeclining(null)}
          testId="decline-transfer-form"
        />
      )}
      {startingIn && <TransferInModal union={grants[0]?.org} onClose={() => setStartingIn(false)} />}
      {memberDetail.element}
    </Card>
  );
}
