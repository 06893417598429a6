import { EyeOutlined } from '@ant-design/icons';
import { Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type RevealCaseField, useRevealCaseField } from '../../api/assistance';
import { useCan } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { LinkButton } from '../../components/LinkButton';
import { assistanceCase as t } from '../../locales/assistance.zh-CN';

const shownSeconds = 30;

/**
 * A masked ID or bank account number of a case with 查看 for holders of members.reveal: the full value
 * shows for 30 seconds, then the mask returns. The server records every reveal in the audit log.
 */
export function RevealCaseValue({ caseId, field, masked }: { caseId: number; field: RevealCaseField; masked: string }) {
  const can = useCan();
  const reveal = useRevealCaseField();
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

  const show = () =>
    reveal.mutateAsync({ id: caseId, field }).then((result) => {
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
            {t.hidesIn(secondsLeft)}
          </Typography.Text>
          <LinkButton onClick={() => setFull(null)}>{t.hide}</LinkButton>
        </Space>
      ) : (
        can('members.reveal') && (
          <Tooltip title={t.revealHint}>
            <LinkButton icon={<EyeOutlined />} loading={reveal.isPending} onClick={show}>
              {t.reveal}
            </LinkButton>
          </Tooltip>
        )
      )}
    </Space>
  );
}
