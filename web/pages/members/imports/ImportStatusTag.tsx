import { Tag } from 'antd';
import { type ImportStatusCode, importStatuses } from '../../../../shared/schemas/imports';

const colors: Record<ImportStatusCode, string> = {
  validating: 'processing',
  ready: 'gold',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
};

/** 校验中 / 待提交 / 提交中 / 已导入 / 失败, in the colours of the other status tags. */
export function ImportStatusTag({ status }: { status: ImportStatusCode }) {
  return <Tag color={colors[status]}>{importStatuses[status]}</Tag>;
}
