import { PlusOutlined } from '@ant-design/icons';
import { App, Image, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { workplanReports as t } from '../../../locales/zh-CN';

export const maxEvidenceFiles = 9;
const maxBytes = 10 * 1024 * 1024;
const accepted = /\.(jpe?g|png|gif|webp|heic|heif|pdf|docx|xlsx)$/i;
export const evidenceAccept = '.jpg,.jpeg,.png,.gif,.webp,.heic,.heif,.pdf,.docx,.xlsx';

interface EvidenceUploadProps {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  id?: string;
}

/**
 * Photos and files of a report, kept in the browser until the report is sent: thumbnails for photos
 * (click to see them large), and the type and size checked here as the server checks them.
 */
export function EvidenceUpload({ value = [], onChange, id }: EvidenceUploadProps) {
  const { message } = App.useApp();
  const [preview, setPreview] = useState<string | null>(null);

  return (
    <>
      <Upload
        id={id}
        listType="picture-card"
        multiple
        accept={evidenceAccept}
        fileList={value}
        beforeUpload={(file, batch) => {
          if (!accepted.test(file.name)) {
            message.error(t.fileType(file.name));
            return Upload.LIST_IGNORE;
          }
          if (file.size > maxBytes) {
            message.error(t.fileTooLarge(file.name));
            return Upload.LIST_IGNORE;
          }
          if (value.length + batch.indexOf(file) >= maxEvidenceFiles) {
            message.error(t.tooManyFiles);
            return Upload.LIST_IGNORE;
          }
          return false;
        }}
        onChange={({ fileList }) => onChange?.(fileList.slice(0, maxEvidenceFiles))}
        onPreview={(file) => {
          const src = file.thumbUrl ?? (file.originFileObj ? URL.createObjectURL(file.originFileObj) : null);
          if (src && file.type?.startsWith('image/')) setPreview(src);
        }}
        data-testid="evidence-upload"
      >
        {value.length < maxEvidenceFiles && (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{t.upload}</div>
          </button>
        )}
      </Upload>
      {preview && (
        <Image
          style={{ display: 'none' }}
          src={preview}
          preview={{ open: true, onOpenChange: (open) => !open && setPreview(null) }}
        />
      )}
    </>
  );
}
