import { Button, List, NavBar, Skeleton } from 'antd-mobile';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { genders, memberStatuses, workerCategories } from '../../shared/memberEnums';
import { usePortalCorrections } from '../api/corrections';
import { type SelfMember, usePortalMember } from '../api/portal';
import { common, myInfo } from '../locales/zh-CN';
import { MemberDataUnavailable } from './MemberDataUnavailable';
import { MyCorrections } from './MyCorrections';

/** A personal number shown masked until the member taps 显示 (someone may be looking at the screen). */
function ShownOnTap({ masked, full }: { masked: string | null; full: string | null }) {
  const [shown, setShown] = useState(false);
  if (!full) return <span>{common.none}</span>;
  return (
    <span className="portal-mono">
      {shown ? full : masked}
      <button type="button" className="portal-inline-action" onClick={() => setShown(!shown)}>
        {shown ? myInfo.hide : myInfo.show}
      </button>
    </span>
  );
}

function rows(m: SelfMember): [string, ReactNode][] {
  const f = myInfo.fields;
  return [
    [f.name, m.name],
    [f.gender, genders[m.gender]],
    [f.ethnicity, m.ethnicity],
    [f.birthDate, m.birthDate],
    [f.idNumber, <ShownOnTap key="id" masked={m.idNumber} full={m.idNumberFull} />],
    [f.mobile, <ShownOnTap key="mobile" masked={m.mobile} full={m.mobileFull} />],
    [f.education, m.education ?? common.none],
    [f.politicalStatus, m.politicalStatus ?? common.none],
    [f.employerName, m.employerName ?? common.none],
    [f.position, m.position ?? common.none],
    [f.workerCategory, workerCategories[m.workerCategory]],
    [f.union, m.org.name],
    [f.status, memberStatuses[m.status]],
    [f.joinedDate, m.joinedDate],
    [
      f.cardNo,
      <span key="card" className="portal-mono">
        {m.cardNo}
      </span>,
    ],
  ];
}

// An attachment: the browser saves it and stays on this page.
const downloadUrl = '/api/portal/member/download';

/** 我的会员信息: the member's own record, and a copy of it to download. */
export function PortalMyInfo() {
  const member = usePortalMember();
  const corrections = usePortalCorrections();
  const navigate = useNavigate();
  // One open request at a time: the server refuses a second, so the button says why it is off.
  const pending = corrections.data?.some((c) => c.status === 'pending') ?? false;
  let body: ReactNode;
  if (member.data) {
    body = (
      <>
        <List mode="card" data-testid="my-info">
          {rows(member.data).map(([label, value]) => (
            <List.Item key={label} extra={value}>
              {label}
            </List.Item>
          ))}
        </List>
        <div className="portal-actions">
          <Button
            block
            size="large"
            color="primary"
            disabled={corrections.isPending || pending}
            onClick={() => navigate('/me/correct')}
            data-testid="my-info-correct"
          >
            {pending ? myInfo.correctPending : myInfo.correct}
          </Button>
        </div>
        {corrections.data && <MyCorrections items={corrections.data} />}
        <div className="portal-actions">
          <Button
            block
            size="large"
            color="primary"
            fill="outline"
            onClick={() => window.location.assign(downloadUrl)}
            data-testid="my-info-download"
          >
            {myInfo.download}
          </Button>
          <p className="portal-muted">{myInfo.downloadHint}</p>
        </div>
      </>
    );
  } else if (member.error) {
    body = (
      <MemberDataUnavailable
        error={member.error}
        notLinkedTitle={myInfo.notLinkedTitle}
        onRetry={() => void member.refetch()}
      />
    );
  } else {
    body = <Skeleton.Paragraph lineCount={10} animated />;
  }
  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/')}>
        {myInfo.title}
      </NavBar>
      <div className="card-page">{body}</div>
    </>
  );
}
