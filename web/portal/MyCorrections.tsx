import { List, Tag } from 'antd-mobile';
import type { CorrectionStatus, CorrectionView } from '../api/corrections';
import { changeLines } from '../components/correctionChanges';
import { formatTime } from '../components/format';
import { correctionStatusLabels, myInfo } from '../locales/zh-CN';

const t = myInfo.correction;
const words = { empty: t.emptyValue, correctedTo: t.correctedTo };
const tagColors: Record<CorrectionStatus, string> = { pending: 'warning', approved: 'success', rejected: 'danger' };

/** 待审核 orange, 已通过 green, 未通过 red. */
function CorrectionTag({ status }: { status: CorrectionStatus }) {
  return (
    <Tag color={tagColors[status]} fill="outline" style={{ fontSize: 13, padding: '3px 6px' }}>
      {correctionStatusLabels[status]}
    </Tag>
  );
}

function Details({ correction: c }: { correction: CorrectionView }) {
  return (
    <>
      <div>{t.requestedAt(formatTime(c.createdAt))}</div>
      {c.note && <div>{t.yourNote(c.note)}</div>}
      {c.reviewerName && c.reviewedAt && <div>{t.reviewedBy(c.reviewerName, formatTime(c.reviewedAt))}</div>}
      {c.status === 'rejected' && c.reviewComment && (
        <div className="portal-rejection" data-testid="correction-comment">
          {t.reviewComment(c.reviewComment)}
        </div>
      )}
    </>
  );
}

/** 更正申请: the member's requests, newest first, each with what was asked and how it was decided. */
export function MyCorrections({ items }: { items: CorrectionView[] }) {
  if (items.length === 0) return null;
  return (
    <List mode="card" header={t.requests} data-testid="my-corrections">
      {items.map((c) => (
        <List.Item
          key={c.id}
          extra={<CorrectionTag status={c.status} />}
          description={<Details correction={c} />}
          data-testid="my-correction"
        >
          {changeLines(c, myInfo.fields, words).map((line) => (
            <div key={line.field} className="portal-change-line">
              {line.text}
            </div>
          ))}
        </List.Item>
      ))}
    </List>
  );
}
