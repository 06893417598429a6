import { FileOutlined } from '@ant-design/icons';
import { Flex, Image, Typography } from 'antd';

/** A file kept by the server (evidence, a document of an application, a visit photo). */
export interface StoredFile {
  id: number;
  fileName: string;
  mime: string;
  size?: number;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

interface StoredFilesProps {
  files: StoredFile[];
  /** The address the server serves a file at. */
  urlOf: (id: number) => string;
  /** Thumbnail width and height in pixels. */
  thumb?: { width: number; height: number };
  testId: string;
  photoTestId?: string;
}

/**
 * Stored files as people look at them: photos as thumbnails that open large (browsers cannot show
 * HEIC, so those are links), PDFs and other files as links with their size.
 */
export function StoredFiles({
  files,
  urlOf,
  thumb = { width: 72, height: 72 },
  testId,
  photoTestId,
}: StoredFilesProps) {
  const photos = files.filter((f) => f.mime.startsWith('image/') && f.mime !== 'image/heic');
  const others = files.filter((f) => !photos.includes(f));
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {photos.map((f) => (
              <Image
                key={f.id}
                src={urlOf(f.id)}
                alt={f.fileName}
                width={thumb.width}
                height={thumb.height}
                style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
                data-testid={photoTestId}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <Typography.Link key={f.id} href={urlOf(f.id)} target="_blank" rel="noreferrer">
          <FileOutlined /> {f.fileName}
          {f.size !== undefined && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {sizeText(f.size)}
            </Typography.Text>
          )}
        </Typography.Link>
      ))}
    </Flex>
  );
}
