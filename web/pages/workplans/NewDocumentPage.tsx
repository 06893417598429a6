import { RollbackOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { documentInputFromDraft } from '../../../shared/schemas/workplans';
import type { ParseResponse } from '../../api/workplans';
import { workplanEditor as t } from '../../locales/zh-CN';
import { DocumentEditor } from './editor/DocumentEditor';
import { ParsedNotice } from './editor/ParsedNotice';
import { PasteStep } from './editor/PasteStep';

function parsedSummary(answer: ParseResponse) {
  const tasks = answer.sections.flatMap((s) => s.tasks);
  return t.parsed(
    answer.sections.length,
    tasks.length,
    tasks.reduce((sum, task) => sum + task.targets.length, 0),
  );
}

/**
 * 粘贴新建: paste a notice (or upload its .docx), read it into a draft, review and correct every field,
 * then save it as a draft or publish it.
 */
export default function NewDocumentPage() {
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<ParseResponse | null>(null);

  if (!parsed) return <PasteStep text={text} onTextChange={setText} onParsed={setParsed} />;
  return (
    <DocumentEditor
      initial={documentInputFromDraft(parsed.draft)}
      notice={<ParsedNotice summary={parsedSummary(parsed)} warnings={parsed.warnings} />}
      extraActions={
        <Popconfirm title={t.reparseConfirm} onConfirm={() => setParsed(null)}>
          <Button icon={<RollbackOutlined />}>{t.reparse}</Button>
        </Popconfirm>
      }
    />
  );
}
