import { useState } from 'react';
import type { MemberView } from '../../api/members';
import { EditMemberModal } from './EditMemberModal';
import { MemberDrawer } from './MemberDrawer';
import { MemberStatusModal } from './MemberStatusModal';
import type { MemberDialog } from './MembersTable';
import { TransferOutModal } from './transfers/TransferOutModal';

export interface OpenDialog {
  kind: MemberDialog;
  member: MemberView;
}

/** The modal a member's action opened: 编辑, 变更状态 or 转会. */
export function MemberDialogs({
  dialog,
  onClose,
  onOpenMember,
}: {
  dialog: OpenDialog | null;
  onClose: () => void;
  onOpenMember: (id: number) => void;
}) {
  if (dialog?.kind === 'edit')
    return <EditMemberModal member={dialog.member} onClose={onClose} onOpenMember={onOpenMember} />;
  if (dialog?.kind === 'status') return <MemberStatusModal member={dialog.member} onClose={onClose} />;
  if (dialog?.kind === 'transfer') return <TransferOutModal member={dialog.member} onClose={onClose} />;
  return null;
}

/**
 * A member's drawer and its dialogs, for pages that open members from another list (corrections,
 * joins, transfers): `open(id)` shows the drawer, `element` goes anywhere in the page.
 */
export function useMemberDetail() {
  const [memberId, setMemberId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const open = (id: number) => {
    setDialog(null);
    setMemberId(id);
  };
  const element = (
    <>
      <MemberDrawer
        memberId={memberId}
        onClose={() => setMemberId(null)}
        onOpenDialog={(kind, member) => setDialog({ kind, member })}
      />
      <MemberDialogs dialog={dialog} onClose={() => setDialog(null)} onOpenMember={open} />
    </>
  );
  return { open, element };
}
