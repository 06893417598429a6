import { Card, Skeleton, Spin } from 'antd';

/** What a page inside the layout shows while its code or first data loads. */
export function PageSkeleton() {
  return (
    <Card variant="borderless">
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  );
}

/** What a page without the layout (login, password change) shows while it loads. */
export function FullPageSpin() {
  return (
    <div style={{ flex: 1, display: 'grid', placeItems: 'center', minHeight: 320 }}>
      <Spin size="large" />
    </div>
  );
}
