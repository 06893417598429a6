import { App, Button, Form, Input, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { type DissolveOrgInput, type OrgView, useDissolveOrg } from '../../api/orgs';
import { useShowError } from '../../components/formErrors';
import { OrgPicker } from '../../components/OrgPicker';
import { common, orgs } from '../../locales/zh-CN';

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
  const [form] = Form.useForm<DissolveOrgInput>();
  const dissolve = useDissolveOrg();
  const showError = useShowError();
  const { message } = App.useApp();
  const [confirming, setConfirming] = useState(false);

  // Validate first, then ask: a confirmation for an incomplete form would be asked in vain.
  const askToConfirm = () =>
    form.validateFields().then(
      () => setConfirming(true),
      () => undefined,
    );

  const submit = async () => {
    setConfirming(false);
    const values = form.getFieldsValue();
    try {
      const done = await dissolve.mutateAsync({
        id: org.id,
        body: { reason: values.reason, mergedIntoId: values.mergedIntoId ?? null },
      });
      message.success(orgs.dissolved);
      onDone(done);
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <Modal
      open
      title={orgs.dissolveTitle(org.name)}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {common.cancel}
        </Button>,
        <Popconfirm
          key="ok"
          open={confirming}
          title={orgs.dissolveConfirm}
          onConfirm={submit}
          onCancel={() => setConfirming(false)}
          okButtonProps={{ danger: true }}
        >
          <Button type="primary" danger loading={dissolve.isPending} onClick={askToConfirm}>
            {orgs.dissolve}
          </Button>
        </Popconfirm>,
      ]}
    >
      <Form form={form} name="dissolveOrg" layout="vertical">
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
      </Form>
    </Modal>
  );
}
