import { Button, NavBar, NoticeBar, Skeleton, Toast } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { type PortalCard as PortalCardData, usePortalCard } from '../api/portal';
import { formatTime } from '../components/format';
import { common, memberCard } from '../locales/zh-CN';
import { MemberCardFace } from './MemberCardFace';
import { MemberDataUnavailable } from './MemberDataUnavailable';
import { QrCode } from './QrCode';

/** Where a service point's scan of this card's QR code lands. */
function verifyUrl(token: string): string {
  return `${window.location.origin}/m/verify?token=${encodeURIComponent(token)}`;
}

interface QrPanelProps {
  card: PortalCardData;
  refreshing: boolean;
  onRefresh: () => void;
}

function QrPanel({ card, refreshing, onRefresh }: QrPanelProps) {
  const url = verifyUrl(card.token);
  return (
    <section className="portal-card card-qr" data-testid="card-qr" data-verify-url={url}>
      <QrCode text={url} size={216} alt={memberCard.qrAlt} />
      <div className="card-qr-validity">{memberCard.qrValidity}</div>
      <div className="portal-muted">{memberCard.expiresAt(formatTime(card.expiresAt))}</div>
      <Button block size="large" color="primary" fill="outline" loading={refreshing} onClick={onRefresh}>
        {memberCard.refresh}
      </Button>
      <div className="portal-muted card-qr-hint">{memberCard.showHint}</div>
    </section>
  );
}

function CardSkeleton() {
  return (
    <>
      <Skeleton animated style={{ '--height': '196px', '--border-radius': '16px' }} />
      <div className="portal-card card-qr">
        <Skeleton animated style={{ '--width': '216px', '--height': '216px', '--border-radius': '8px' }} />
        <Skeleton.Paragraph lineCount={2} animated style={{ width: '100%' }} />
      </div>
    </>
  );
}

/** The member's electronic card: the card face and a QR code a service point scans to verify it. */
export function PortalCard() {
  const card = usePortalCard();
  const navigate = useNavigate();
  const goHome = () => navigate('/');

  const refresh = async () => {
    const result = await card.refetch();
    if (result.isSuccess) Toast.show({ icon: 'success', content: memberCard.refreshed });
    else Toast.show({ icon: 'fail', content: result.error?.message ?? common.loadFailed });
  };

  let body: ReactNode;
  if (card.data) {
    body = (
      <>
        <MemberCardFace card={card.data} />
        {card.data.status !== 'active' && <NoticeBar content={memberCard.inactiveHint} color="alert" wrap />}
        <QrPanel card={card.data} refreshing={card.isFetching} onRefresh={() => void refresh()} />
      </>
    );
  } else if (card.error) {
    body = (
      <MemberDataUnavailable
        error={card.error}
        notLinkedTitle={memberCard.notLinkedTitle}
        onRetry={() => void card.refetch()}
      />
    );
  } else {
    body = <CardSkeleton />;
  }

  return (
    <>
      <NavBar back={common.back} onBack={goHome}>
        {memberCard.title}
      </NavBar>
      <div className="card-page">{body}</div>
    </>
  );
}
