import { App, Form, Input, Modal } from 'antd';
import { type OrgView, useMoveOrg, useOrg } from '../../api/orgs';
import { useShowError } from '../../components/formErrors';
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
  const [form] = Form.useForm<{ newParentId: number }>();
  const move = useMoveOrg();
  const showError = useShowError();
  const { message } = App.useApp();
  const parent = useOrg(org.parentId);

  const onFinish = async ({ newParentId }: { newParentId: number }) => {
    try {
      const moved = await move.mutateAsync({ id: org.id, newParentId });
      message.success(orgs.moved);
      onDone(moved, org.parentId);
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <Modal
      open
      title={orgs.moveTitle(org.name)}
      okButtonProps={{ htmlType: 'submit', loading: move.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} name="moveOrg" layout="vertical" onFinish={onFinish}>
          {dom}
        </Form>
      )}
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
    </Modal>
  );
}
