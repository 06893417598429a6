import { Alert, Button, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { duplicateMemberId } from '../../api/members';
import { notSent } from '../../components/FormModal';
import { members } from '../../locales/zh-CN';

interface Duplicate {
  memberId: number | null;
  message: string;
}

/**
 * Handles members/duplicate_id_number in a member form: the server's message on the ID number
 * field and in an alert, which offers to open the existing record when it lies in the caller's scope.
 * Other errors are rethrown for the form modal to show.
 */
export function useDuplicateIdNumber(onOpenMember: (id: number) => void) {
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);

  const catchDuplicate = (error: unknown, form: FormInstance): typeof notSent => {
    const memberId = duplicateMemberId(error);
    if (memberId === undefined || !(error instanceof ApiError)) throw error;
    form.setFields([{ name: 'idNumber', errors: [error.message] }]);
    setDuplicate({ memberId, message: error.message });
    return notSent;
  };

  const openId = duplicate?.memberId;
  const alert = duplicate && (
    <Alert
      type="warning"
      showIcon
      title={duplicate.message}
      style={{ marginBottom: 16 }}
      data-testid="duplicate-member"
      action={
        openId ? (
          <Button size="small" type="primary" ghost onClick={() => onOpenMember(openId)}>
            {members.duplicateOpen}
          </Button>
        ) : undefined
      }
    />
  );

  return { catchDuplicate, alert, clear: () => setDuplicate(null) };
}
