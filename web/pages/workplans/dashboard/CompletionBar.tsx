import { Progress } from 'antd';
import type { ProgressStatus } from '../../../../shared/schemas/workplans';
import { progressColors } from '../ProgressStatusTag';
import { formatPercent } from '../progressFormat';

/** A completion share as a small bar in the status colour, with the expected share as a tick when given. */
export function CompletionBar({
  share,
  status,
  width = 120,
}: {
  share: number;
  status: ProgressStatus;
  width?: number;
}) {
  return (
    <Progress
      percent={Math.min(100, Math.round(share * 100))}
      size={{ width, height: 8 }}
      strokeColor={progressColors[status].hex}
      format={() => formatPercent(share)}
      style={{ marginBottom: 0 }}
    />
  );
}
