import { Form, Input } from 'antd';
import { type DissolveOrgInput, type OrgView, useDissolveOrg } from '../../api/orgs';
import { FormModal } from '../../components/FormModal';
import { OrgPicker } from '../../components/OrgPicker';
import { orgs } from '../../locales/zh-CN';

/** Dissolves an org, or merges it into another when a target is picked; a Popconfirm asks before it is done. */
export function DissolveOrgModal({
  org,
  onClose,
  onDone,
}: {
  org: OrgView;
  onClose: () => void;
  onDone: (org: OrgView) => void;
}) {
  const dissolve = useDissolveOrg();

  return (
    <FormModal<DissolveOrgInput, OrgView>
      title={orgs.dissolveTitle(org.name)}
      name="dissolveOrg"
      okText={orgs.dissolve}
      confirm={orgs.dissolveConfirm}
      submit={(values) =>
        dissolve.mutateAsync({
          id: org.id,
          body: { reason: values.reason, mergedIntoId: values.mergedIntoId ?? null },
        })
      }
      successMessage={orgs.dissolved}
      pending={dissolve.isPending}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item
        name="reason"
        label={orgs.dissolveReason}
        rules={[{ required: true, whitespace: true, message: orgs.dissolveReasonRequired }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
      <Form.Item name="mergedIntoId" label={orgs.dissolveMergeInto} extra={orgs.dissolveMergeHint}>
        <OrgPicker excludeId={org.id} allowClear />
      </Form.Item>
    </FormModal>
  );
}
