import { Alert, Button, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { duplicateMemberId } from '../../api/members';
import { notSent } from '../../components/FormModal';
import { members, memberTransfers } from '../../locales/zh-CN';
import { TransferInModal } from './transfers/TransferInModal';

interface Duplicate {
  memberId: number | null;
  message: string;
  /** What the form held: a registration form can ask for the person to be transferred into its union. */
  idNumber?: string;
  orgId?: number;
}

/**
 * Handles members/duplicate_id_number in a member form: the server's message on the ID number
 * field and in an alert, which offers to open the existing record when it lies in the caller's scope,
 * and otherwise (in a registration form) to ask its union for a transfer into the chosen union.
 * Other errors are rethrown for the form modal to show.
 */
export function useDuplicateIdNumber(onOpenMember: (id: number) => void) {
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [transferring, setTransferring] = useState(false);

  const catchDuplicate = (error: unknown, form: FormInstance): typeof notSent => {
    const memberId = duplicateMemberId(error);
    if (memberId === undefined || !(error instanceof ApiError)) throw error;
    form.setFields([{ name: 'idNumber', errors: [error.message] }]);
    setDuplicate({
      memberId,
      message: error.message,
      idNumber: form.getFieldValue('idNumber'),
      orgId: form.getFieldValue('orgId'),
    });
    return notSent;
  };

  const openId = duplicate?.memberId;
  // Outside the caller's scope the record cannot be opened; a registration form offers the transfer.
  const canTransfer = !openId && !!duplicate?.orgId && !!duplicate.idNumber;
  const alert = duplicate && (
    <>
      <Alert
        type="warning"
        showIcon
        title={duplicate.message}
        description={canTransfer ? memberTransfers.duplicateTransferHint : undefined}
        style={{ marginBottom: 16 }}
        data-testid="duplicate-member"
        action={
          openId ? (
            <Button size="small" type="primary" ghost onClick={() => onOpenMember(openId)}>
              {members.duplicateOpen}
            </Button>
          ) : canTransfer ? (
            <Button size="small" type="primary" ghost onClick={() => setTransferring(true)}>
              {memberTransfers.duplicateTransfer}
            </Button>
          ) : undefined
        }
      />
      {transferring && (
        <TransferInModal
          idNumber={duplicate.idNumber}
          toOrgId={duplicate.orgId}
          onClose={() => setTransferring(false)}
        />
      )}
    </>
  );

  return { catchDuplicate, alert, clear: () => setDuplicate(null) };
}
