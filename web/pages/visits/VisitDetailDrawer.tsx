import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Empty, Popconfirm, Skeleton } from 'antd';
import { fenToYuanText } from '../../../shared/money';
import { campaignKinds, visitTargetKinds } from '../../../shared/schemas/visits';
import { useDeleteVisit, useVisit, visitPhotoUrl } from '../../api/visits';
import { formatTime, orDash } from '../../components/format';
import { useShowError } from '../../components/formErrors';
import { StoredFiles } from '../../components/StoredFiles';
import { visits as t } from '../../locales/visits.zh-CN';

/** One visit with its photos; 删除 (with a confirmation) gives its money back to the budget. */
export function VisitDetailDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const visit = useVisit(id);
  const remove = useDeleteVisit();
  const showError = useShowError();
  const { message } = App.useApp();
  const v = visit.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={620}
      title={t.detailTitle}
      destroyOnHidden
      data-testid="visit-drawer"
      extra={
        v?.canDelete && (
          <Popconfirm
            title={t.deleteConfirm}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync(v.id)
                .then(() => {
                  message.success(t.deleted);
                  onClose();
                })
                .catch(showError)
            }
          >
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
              {t.delete}
            </Button>
          </Popconfirm>
        )
      }
    >
      {!v ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t.campaign}>
              {v.campaign.title}（{campaignKinds[v.campaign.kind]}）
            </Descriptions.Item>
            <Descriptions.Item label={t.visitDate}>{v.visitDate}</Descriptions.Item>
            <Descriptions.Item label={t.visitor}>{v.org.name}</Descriptions.Item>
            <Descriptions.Item label={t.target}>
              {visitTargetKinds[v.targetKind]}：{v.targetName}
            </Descriptions.Item>
            {v.employerName && <Descriptions.Item label={t.employer}>{v.employerName}</Descriptions.Item>}
            <Descriptions.Item label={t.workersReached}>{v.workersReached}</Descriptions.Item>
            <Descriptions.Item label={t.goodsText}>{orDash(v.goods)}</Descriptions.Item>
            <Descriptions.Item label={t.goodsYuan}>{fenToYuanText(v.goodsFen)}</Descriptions.Item>
            <Descriptions.Item label={t.cashYuan}>{fenToYuanText(v.cashFen)}</Descriptions.Item>
            <Descriptions.Item label={t.amount}>{fenToYuanText(v.goodsFen + v.cashFen)}</Descriptions.Item>
            <Descriptions.Item label={t.narrative}>{orDash(v.narrative)}</Descriptions.Item>
            <Descriptions.Item label={t.createdBy}>
              {v.createdByName} · {formatTime(v.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 20 }}>{t.photos}</h4>
          {v.photos.length ? (
            <StoredFiles
              files={v.photos}
              urlOf={visitPhotoUrl}
              thumb={{ width: 160, height: 110 }}
              testId="visit-photos"
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有照片" />
          )}
        </>
      )}
    </Drawer>
  );
}
