import { FileOutlined } from '@ant-design/icons';
import { Flex, Image, Typography } from 'antd';
import { evidenceUrl, type ReportView } from '../../../api/workplans';

type EvidenceFile = ReportView['files'][number];

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The evidence of a report: photos as thumbnails that open large, other files as links. */
export function EvidenceList({ files }: { files: EvidenceFile[] }) {
  const photos = files.filter((f) => f.mime.startsWith('image/') && f.mime !== 'image/heic');
  const others = files.filter((f) => !photos.includes(f));
  return (
    <Flex vertical gap={8} data-testid="evidence">
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {photos.map((f) => (
              <Image
                key={f.id}
                src={evidenceUrl(f.id)}
                alt={f.fileName}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
                data-testid="evidence-photo"
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <Typography.Link key={f.id} href={evidenceUrl(f.id)} target="_blank" rel="noreferrer">
          <FileOutlined /> {f.fileName}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {sizeText(f.size)}
          </Typography.Text>
        </Typography.Link>
      ))}
    </Flex>
  );
}
