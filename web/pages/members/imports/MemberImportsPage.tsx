import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Card, Form, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { grassrootsTypes } from '../../../../shared/enums';
import {
  type ImportPreview,
  importTemplateUrl,
  uploadRoster,
  useRefreshImports,
  useUploadProgress,
} from '../../../api/imports';
import { useShowError } from '../../../components/formErrors';
import { OrgPicker } from '../../../components/OrgPicker';
import { memberImports as t } from '../../../locales/zh-CN';
import { ImportHistory } from './ImportHistory';
import { ImportPreviewPanel } from './ImportPreviewPanel';

const unionTypes = [...grassrootsTypes, 'union_group' as const];

type Stage =
  | { kind: 'choose' }
  | { kind: 'uploading'; percent: number; progressKey: string }
  | { kind: 'preview'; preview: ImportPreview };

/**
 * 会员导入: download the template, upload a roster, read the verdict row by row, fix and upload again or
 * commit. Upload progress comes from the browser, validation progress from polling the server.
 */
export default function MemberImportsPage() {
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [orgId, setOrgId] = useState<number | undefined>();
  const showError = useShowError();
  const refresh = useRefreshImports();
  const validating = useUploadProgress(stage.kind === 'uploading' && stage.percent >= 100 ? stage.progressKey : null);

  const start = (file: File) => {
    const progressKey = crypto.randomUUID();
    setStage({ kind: 'uploading', percent: 0, progressKey });
    uploadRoster(file, { orgId, progressKey }, (sent, total) =>
      setStage({ kind: 'uploading', percent: total ? Math.floor((sent / total) * 100) : 0, progressKey }),
    )
      .then((preview) => setStage({ kind: 'preview', preview }))
      .catch((err: unknown) => {
        setStage({ kind: 'choose' });
        showError(err);
      })
      .finally(refresh);
    return false;
  };

  const rowsChecked = validating.data?.progress?.done ?? 0;
  return (
    <>
      <Card
        title={stage.kind === 'preview' ? t.previewTitle(stage.preview.fileName) : t.pageTitle}
        extra={
          <Button icon={<DownloadOutlined />} href={importTemplateUrl} data-testid="import-template">
            {t.template}
          </Button>
        }
      >
        {stage.kind === 'choose' && (
          <>
            <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t.targetLabel}>
                <OrgPicker
                  value={orgId}
                  onChange={(id) => setOrgId(id)}
                  onlyTypes={unionTypes}
                  placeholder={t.targetPlaceholder}
                  allowClear
                  style={{ maxWidth: 480 }}
                />
              </Form.Item>
            </Form>
            <div data-testid="import-upload">
              <Upload.Dragger accept=".xlsx,.csv" showUploadList={false} beforeUpload={start}>
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t.dragTitle}</p>
                <p className="ant-upload-hint">{t.dragHint}</p>
              </Upload.Dragger>
            </div>
          </>
        )}
        {stage.kind === 'uploading' && (
          <div style={{ padding: '32px 0' }} data-testid="import-progress">
            <Progress
              percent={Math.min(stage.percent, 100)}
              status="active"
              format={() => (stage.percent < 100 ? t.uploading(stage.percent) : t.validating(rowsChecked))}
            />
          </div>
        )}
        {stage.kind === 'preview' && (
          <ImportPreviewPanel preview={stage.preview} onAnother={() => setStage({ kind: 'choose' })} />
        )}
      </Card>
      <ImportHistory />
    </>
  );
}
