import { Button, ErrorBlock } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { common } from '../locales/zh-CN';

/**
 * What the member's own pages show when their data cannot be had: kindly, when the account has no
 * member record yet (join first), or as a load failure with a retry.
 */
export function MemberDataUnavailable({
  error,
  notLinkedTitle,
  onRetry,
}: {
  error: Error;
  notLinkedTitle: string;
  onRetry: () => void;
}) {
  const navigate = useNavigate();
  const notLinked = error instanceof ApiError && error.code === 'members/not_linked';
  return (
    <ErrorBlock
      status={notLinked ? 'empty' : 'default'}
      title={notLinked ? notLinkedTitle : common.loadFailed}
      description={error.message}
      data-testid="member-data-unavailable"
    >
      <Button color="primary" size="large" onClick={notLinked ? () => navigate('/') : onRetry}>
        {notLinked ? common.backHome : common.retry}
      </Button>
    </ErrorBlock>
  );
}
