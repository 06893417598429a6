import { DownloadOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { type ImportView, importReportUrl, useImportErrors } from '../../../api/imports';
import { CursorPager, usePagedFilters } from '../../../components/paging';
import { memberImports as t } from '../../../locales/zh-CN';
import { ImportErrorsTable } from './ImportErrorsTable';

/** Every rejected row of an earlier import, paged from the server, with the report to download. */
export function ImportErrorsDrawer({ record, onClose }: { record: ImportView | null; onClose: () => void }) {
  return (
    <Drawer
      open={record !== null}
      onClose={onClose}
      size={760}
      title={record ? t.errorsTitle(record.fileName) : ''}
      extra={
        record && (
          <Button icon={<DownloadOutlined />} href={importReportUrl(record.id)}>
            {t.report}
          </Button>
        )
      }
    >
      {record && <ErrorPages id={record.id} />}
    </Drawer>
  );
}

function ErrorPages({ id }: { id: number }) {
  const paging = usePagedFilters({});
  const errors = useImportErrors(id, paging.cursor);
  const rows = (errors.data?.items ?? []).flatMap((item) => item.errors.map((e) => ({ row: item.row, ...e })));
  return (
    <>
      <ImportErrorsTable rows={rows} loading={errors.isFetching} pageSize={false} />
      <CursorPager
        page={paging.page}
        nextCursor={errors.data?.nextCursor}
        loading={errors.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
    </>
  );
}
