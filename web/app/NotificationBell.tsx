import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Dropdown, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type NotificationView, useMarkNotificationsRead, useNotifications } from '../api/notifications';
import { formatTime } from '../components/format';
import { useShowError } from '../components/formErrors';
import { notificationBell as t } from '../locales/zh-CN';
import { brandRed } from './theme';

function NotificationRow({ n, onOpen }: { n: NotificationView; onOpen: (n: NotificationView) => void }) {
  const unread = n.readAt === null;
  return (
    <button
      type="button"
      onClick={() => onOpen(n)}
      data-testid="notification"
      data-unread={unread}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        border: 0,
        borderBottom: '1px solid #f0f0f0',
        background: unread ? '#fff7f6' : '#fff',
        padding: '10px 16px',
        cursor: 'pointer',
      }}
    >
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong={unread}>
          {unread && <Badge status="error" style={{ marginInlineEnd: 6 }} />}
          {n.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {formatTime(n.createdAt)}
        </Typography.Text>
      </Flex>
      {n.body && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 13 }}>
          {n.body}
        </Typography.Paragraph>
      )}
    </button>
  );
}

/**
 * The bell in the top bar: the unread count, the newest messages in a dropdown; a click marks the message
 * read and opens what it is about; 全部已读 marks them all.
 */
export function NotificationBell() {
  const list = useNotifications();
  const mark = useMarkNotificationsRead();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const unread = list.data?.unread ?? 0;

  const openOne = (n: NotificationView) => {
    setOpen(false);
    if (n.readAt === null) mark.mutateAsync({ ids: [n.id] }).catch(showError);
    if (n.link) navigate(n.link);
  };

  const panel = (
    <div
      style={{
        width: 380,
        marginTop: 10,
        background: '#fff',
        borderRadius: 8,
        boxShadow: '0 6px 16px rgba(0,0,0,0.12)',
      }}
      data-testid="notification-panel"
    >
      <Flex justify="space-between" align="center" style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>
          {t.title}
          {unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
              {t.unread(unread)}
            </Typography.Text>
          )}
        </Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={mark.isPending}
          onClick={() =>
            mark
              .mutateAsync({ all: true })
              .then(() => message.success(t.markedAll))
              .catch(showError)
          }
        >
          {t.markAll}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {list.isPending ? (
          <div style={{ padding: 16 }}>
            <Skeleton active paragraph={{ rows: 3 }} />
          </div>
        ) : list.data?.items.length ? (
          list.data.items.map((n) => <NotificationRow key={n.id} n={n} onOpen={openOne} />)
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} style={{ padding: '24px 0' }} />
        )}
      </div>
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <button
        type="button"
        aria-label={unread ? `${t.label}，${t.unread(unread)}` : t.label}
        data-testid="notification-bell"
        style={{ border: 0, background: 'none', cursor: 'pointer', padding: '0 8px', lineHeight: 1 }}
      >
        {/* A white badge: the usual red one disappears on the red top bar. */}
        <Badge
          count={unread}
          size="small"
          offset={[2, -2]}
          style={{ background: '#fff', color: brandRed, boxShadow: '0 0 0 1px rgba(0,0,0,0.08)' }}
        >
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </button>
    </Dropdown>
  );
}
