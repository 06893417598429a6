import { EyeOutlined } from '@ant-design/icons';
import { Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type RevealField, type RevealResult, useRevealMemberField } from '../../api/members';
import { useCan } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { LinkButton } from '../../components/LinkButton';
import { members } from '../../locales/zh-CN';

const shownSeconds = 30;

/**
 * How a full number is fetched: the member's reveal by default, or another record's (a join application,
 * an assistance case's bank account).
 */
export interface Revealer<F extends string = RevealField> {
  mutateAsync: (variables: { id: number; field: F }) => Promise<Pick<RevealResult, 'value'>>;
  isPending: boolean;
}

interface RevealValueProps<F extends string> {
  /** The id of the record the number belongs to (the member, or what `via` reveals). */
  memberId: number;
  field: F;
  masked: string | null;
  via?: Revealer<F>;
}

/**
 * A masked number with 查看 for holders of members.reveal: the full value replaces it for 30 seconds,
 * then the mask returns. Every reveal is recorded in the audit log, which the tooltip says.
 */
export function RevealValue<F extends string = RevealField>({ memberId, field, masked, via }: RevealValueProps<F>) {
  const can = useCan();
  const memberReveal = useRevealMemberField();
  // Without `via`, F is a member field: the member's own reveal takes it.
  const reveal = via ?? (memberReveal as unknown as Revealer<F>);
  const showError = useShowError();
  const [full, setFull] = useState<string | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);

  useEffect(() => {
    if (full === null) return;
    const timer = setInterval(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [full]);

  useEffect(() => {
    if (full !== null && secondsLeft <= 0) setFull(null);
  }, [full, secondsLeft]);

  if (masked === null) return <span>—</span>;

  const show = () =>
    reveal.mutateAsync({ id: memberId, field }).then((result) => {
      setFull(result.value);
      setSecondsLeft(shownSeconds);
    }, showError);

  return (
    <Space size="middle" wrap data-testid={`reveal-${field}`}>
      <Typography.Text style={{ fontFamily: 'monospace' }} copyable={full !== null ? { text: full } : false}>
        {full ?? masked}
      </Typography.Text>
      {full !== null ? (
        <Space size="small">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {members.hidesIn(secondsLeft)}
          </Typography.Text>
          <LinkButton onClick={() => setFull(null)}>{members.hide}</LinkButton>
        </Space>
      ) : (
        can('members.reveal') && (
          <Tooltip title={members.revealHint}>
            <LinkButton icon={<EyeOutlined />} loading={reveal.isPending} onClick={show}>
              {members.reveal}
            </LinkButton>
          </Tooltip>
        )
      )}
    </Space>
  );
}
