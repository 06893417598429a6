import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Popconfirm, Progress, Result, Row, Space, Statistic } from 'antd';
import { useState } from 'react';
import {
  type ImportCommitResult,
  type ImportPreview,
  importReportUrl,
  useCommitImport,
  useImport,
} from '../../../api/imports';
import { useShowError } from '../../../components/formErrors';
import { memberImports as t } from '../../../locales/zh-CN';
import { ImportErrorsTable } from './ImportErrorsTable';

interface Props {
  preview: ImportPreview;
  onAnother: () => void;
}

/**
 * The verdict on an uploaded file: counts, the first errors by spreadsheet row, the error report, and
 * 提交 for the valid rows (confirmed first, with progress while it runs, the outcome after).
 */
export function ImportPreviewPanel({ preview, onAnother }: Props) {
  const commit = useCommitImport();
  const showError = useShowError();
  const { message } = App.useApp();
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const running = useImport(commit.isPending ? preview.id : null, true);

  if (result) {
    return (
      <Result
        status="success"
        title={t.committed(result.added, result.skipped)}
        extra={
          <Button type="primary" icon={<UploadOutlined />} onClick={onAnother}>
            {t.another}
          </Button>
        }
        data-testid="import-done"
      />
    );
  }

  const doCommit = () =>
    commit
      .mutateAsync(preview.id)
      .then((r) => {
        setResult(r);
        message.success(t.committed(r.added, r.skipped));
      })
      .catch(showError);

  const progress = running.data?.progress;
  const verdict =
    preview.invalid === 0 ? (
      <Alert type="success" showIcon message={t.allValid} />
    ) : preview.valid === 0 ? (
      <Alert type="error" showIcon message={t.noneValid} />
    ) : (
      <Alert type="warning" showIcon message={t.someInvalid(preview.invalid)} />
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="import-preview">
      <Row gutter={24}>
        <Col span={8}>
          <Statistic title={t.total} value={preview.total} />
        </Col>
        <Col span={8}>
          <Statistic title={t.valid} value={preview.valid} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t.invalid}
            value={preview.invalid}
            valueStyle={{ color: preview.invalid ? '#cf1322' : undefined }}
          />
        </Col>
      </Row>
      {verdict}
      {preview.errors.length > 0 && (
        <>
          <ImportErrorsTable rows={preview.errors} />
          {preview.errorCount > preview.errors.length && (
            <Alert type="info" message={t.errorsShown(preview.errors.length, preview.errorCount)} />
          )}
        </>
      )}
      {commit.isPending && (
        <Progress
          percent={progress?.total ? Math.round((progress.done / progress.total) * 100) : 5}
          status="active"
          format={() => t.committing(progress?.done ?? 0, progress?.total ?? 0)}
          data-testid="import-commit-progress"
        />
      )}
      <Space wrap>
        {preview.invalid > 0 && (
          <Button icon={<DownloadOutlined />} href={importReportUrl(preview.id)} data-testid="import-report">
            {t.report}
          </Button>
        )}
        <Button icon={<UploadOutlined />} onClick={onAnother} disabled={commit.isPending}>
          {t.another}
        </Button>
        {preview.valid > 0 && (
          <Popconfirm title={t.commitConfirm(preview.valid)} onConfirm={doCommit}>
            <Button type="primary" loading={commit.isPending} data-testid="import-commit">
              {t.commit(preview.valid)}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Space>
  );
}
