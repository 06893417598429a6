import { PlusOutlined } from '@ant-design/icons';
import { App, Image, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { filesUpload as t } from '../locales/zh-CN';

/** What the server accepts for each kind of upload (it checks the first bytes; the name is checked here first). */
const kinds = {
  photos: { pattern: /\.(jpe?g|png|gif|webp|heic|heif)$/i, accept: 'image/*', label: t.kindPhotos },
  documents: {
    pattern: /\.(jpe?g|png|gif|webp|heic|heif|pdf)$/i,
    accept: '.jpg,.jpeg,.png,.gif,.webp,.heic,.heif,.pdf',
    label: t.kindDocuments,
  },
  evidence: {
    pattern: /\.(jpe?g|png|gif|webp|heic|heif|pdf|docx|xlsx)$/i,
    accept: '.jpg,.jpeg,.png,.gif,.webp,.heic,.heif,.pdf,.docx,.xlsx',
    label: t.kindEvidence,
  },
} as const;

export interface FilesUploadProps {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  id?: string;
  kind: keyof typeof kinds;
  maxFiles: number;
  maxBytes: number;
  testId: string;
}

/**
 * Photos and files of a form, kept in the browser until the form is sent (the page posts them with its
 * fields as one multipart request): thumbnails for photos (click to see them large), type, size and count
 * checked here as the server checks them. Works as a controlled antd Form field.
 */
export function FilesUpload({ value = [], onChange, id, kind, maxFiles, maxBytes, testId }: FilesUploadProps) {
  const { message } = App.useApp();
  const [preview, setPreview] = useState<string | null>(null);
  const { pattern, accept, label } = kinds[kind];
  const megabytes = Math.round(maxBytes / 1024 / 1024);
  return (
    <>
      <Upload
        id={id}
        listType="picture-card"
        multiple
        accept={accept}
        fileList={value}
        beforeUpload={(file, batch) => {
          if (!pattern.test(file.name)) {
            message.error(t.fileType(file.name, label));
            return Upload.LIST_IGNORE;
          }
          if (file.size > maxBytes) {
            message.error(t.fileTooLarge(file.name, megabytes));
            return Upload.LIST_IGNORE;
          }
          if (value.length + batch.indexOf(file) >= maxFiles) {
            message.error(t.tooManyFiles(maxFiles));
            return Upload.LIST_IGNORE;
          }
          return false;
        }}
        onChange={({ fileList }) => onChange?.(fileList.slice(0, maxFiles))}
        onPreview={(file) => {
          const src = file.thumbUrl ?? (file.originFileObj ? URL.createObjectURL(file.originFileObj) : null);
          if (src && file.type?.startsWith('image/')) setPreview(src);
        }}
        data-testid={testId}
      >
        {value.length < maxFiles && (
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
