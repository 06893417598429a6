import { FileWordOutlined, ScanOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Typography, Upload } from 'antd';
import type { ParseResponse } from '../../../api/workplans';
import { useParseDocx, useParseText } from '../../../api/workplans';
import { useShowError } from '../../../components/formErrors';
import { workplanEditor as t } from '../../../locales/zh-CN';

interface PasteStepProps {
  text: string;
  onTextChange: (text: string) => void;
  onParsed: (answer: ParseResponse) => void;
}

const maxDocxBytes = 20 * 1024 * 1024;

/** Step one of 粘贴新建: paste the notice's text (or upload its .docx) and let the server read it. */
export function PasteStep({ text, onTextChange, onParsed }: PasteStepProps) {
  const parseText = useParseText();
  const parseDocx = useParseDocx();
  const showError = useShowError();
  const { message } = App.useApp();
  const busy = parseText.isPending || parseDocx.isPending;

  const parse = () => {
    if (!text.trim()) {
      message.warning(t.textRequired);
      return;
    }
    parseText.mutateAsync(text).then(onParsed, showError);
  };

  const upload = (file: File) => {
    if (!/\.docx$/i.test(file.name)) message.error(t.docxOnly);
    else if (file.size > maxDocxBytes) message.error(t.docxTooLarge);
    else parseDocx.mutateAsync(file).then(onParsed, showError);
    return false;
  };

  return (
    <Card title={t.newTitle}>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => onTextChange(e.target.value)}
        placeholder={t.textPlaceholder}
        aria-label={t.textLabel}
        autoSize={{ minRows: 14, maxRows: 28 }}
        style={{ fontSize: 14 }}
        data-testid="notice-text"
      />
      <Flex gap={12} style={{ marginTop: 16 }}>
        <Button
          type="primary"
          icon={<ScanOutlined />}
          loading={parseText.isPending}
          disabled={busy}
          onClick={parse}
          data-testid="notice-parse"
        >
          {parseText.isPending ? t.parsing : t.parse}
        </Button>
        <Upload accept=".docx" showUploadList={false} beforeUpload={upload} disabled={busy}>
          <Button icon={<FileWordOutlined />} loading={parseDocx.isPending} disabled={busy}>
            {t.uploadDocx}
          </Button>
        </Upload>
      </Flex>
    </Card>
  );
}
