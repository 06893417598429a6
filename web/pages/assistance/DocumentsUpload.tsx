import { PlusOutlined } from '@ant-design/icons';
import { App, Image, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { maxCaseFileBytes, maxCaseFiles } from '../../../shared/schemas/assistance';
import { assistanceCreate as t } from '../../locales/assistance.zh-CN';

// What the server stores (it checks the first bytes): photos and PDF.
const accepted = /\.(jpe?g|png|gif|webp|heic|heif|pdf)$/i;
const accept = '.jpg,.jpeg,.png,.gif,.webp,.heic,.heif,.pdf';

interface DocumentsUploadProps {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  id?: string;
}

/** Photos and PDFs of an application, kept in the browser until it is sent, checked here as the server checks them. */
export function DocumentsUpload({ value = [], onChange, id }: DocumentsUploadProps) {
  const { message } = App.useApp();
  const [preview, setPreview] = useState<string | null>(null);
  return (
    <>
      <Upload
        id={id}
        listType="picture-card"
        multiple
        accept={accept}
        fileList={value}
        beforeUpload={(file, batch) => {
          if (!accepted.test(file.name)) {
            message.error(t.fileType(file.name));
            return Upload.LIST_IGNORE;
          }
          if (file.size > maxCaseFileBytes) {
            message.error(t.fileTooLarge(file.name));
            return Upload.LIST_IGNORE;
          }
          if (value.length + batch.indexOf(file) >= maxCaseFiles) {
            message.error(t.tooManyFiles);
            return Upload.LIST_IGNORE;
          }
          return false;
        }}
        onChange={({ fileList }) => onChange?.(fileList.slice(0, maxCaseFiles))}
        onPreview={(file) => {
          const src = file.thumbUrl ?? (file.originFileObj ? URL.createObjectURL(file.originFileObj) : null);
          if (src && file.type?.startsWith('image/')) setPreview(src);
        }}
        data-testid="case-documents-upload"
      >
        {value.length < maxCaseFiles && (
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
