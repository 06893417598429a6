import { Form, Input } from 'antd';
import { type OrgView, useMoveOrg, useOrg } from '../../api/orgs';
import { FormModal } from '../../components/FormModal';
import { OrgPicker } from '../../components/OrgPicker';
import { orgs } from '../../locales/zh-CN';

/** Moves an org under a new parent picked by search; the server checks types and cycles. */
export function MoveOrgModal({
  org,
  onClose,
  onDone,
}: {
  org: OrgView;
  onClose: () => void;
  onDone: (moved: OrgView, oldParentId: number | null) => void;
}) {
  const move = useMoveOrg();
  const parent = useOrg(org.parentId);

  return (
    <FormModal<{ newParentId: number }, OrgView>
      title={orgs.moveTitle(org.name)}
      name="moveOrg"
      submit={({ newParentId }) => move.mutateAsync({ id: org.id, newParentId })}
      successMessage={orgs.moved}
      pending={move.isPending}
      onClose={onClose}
      onDone={(moved) => onDone(moved, org.parentId)}
    >
      <Form.Item label={orgs.moveCurrent}>
        <Input value={parent.data?.name ?? ''} disabled />
      </Form.Item>
      <Form.Item
        name="newParentId"
        label={orgs.moveTarget}
        rules={[{ required: true, message: orgs.moveTargetRequired }]}
      >
        <OrgPicker excludeId={org.id} />
      </Form.Item>
    </FormModal>
  );
}
