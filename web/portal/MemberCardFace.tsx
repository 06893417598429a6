import { Tag } from 'antd-mobile';
import { memberStatuses } from '../../shared/memberEnums';
import type { PortalCard } from '../api/portal';
import { common, memberCard } from '../locales/zh-CN';
import './card.css';

/** GH0000000123 → GH00 0000 0123, easier to read out at a counter. */
function groupCardNo(cardNo: string): string {
  return cardNo.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The red card itself: platform, member, union, card number, joining date and roster status. */
export function MemberCardFace({ card }: { card: PortalCard }) {
  const active = card.status === 'active';
  return (
    <section className="member-card" data-testid="member-card" aria-label={memberCard.cardKind}>
      <header className="member-card-head">
        <span className="member-card-platform">{common.appName}</span>
        <span className="member-card-kind">{memberCard.cardKind}</span>
      </header>
      <div className="member-card-name-row">
        <span className="member-card-name" data-testid="member-card-name">
          {card.name}
        </span>
        <Tag
          round
          fill="solid"
          color={active ? 'success' : 'danger'}
          className="member-card-status"
          data-testid="member-card-status"
        >
          {memberStatuses[card.status]}
        </Tag>
      </div>
      <div className="member-card-union">{card.union}</div>
      <dl className="member-card-facts">
        <div>
          <dt>{memberCard.cardNo}</dt>
          <dd className="member-card-no">{groupCardNo(card.cardNo)}</dd>
        </div>
        <div>
          <dt>{memberCard.joinedDate}</dt>
          <dd>{card.joinedDate}</dd>
        </div>
      </dl>
    </section>
  );
}
