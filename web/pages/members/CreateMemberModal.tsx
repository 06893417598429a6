import { Form } from 'antd';
import dayjs from 'dayjs';
import type { OrgType } from '../../../shared/enums';
import { createMemberBody } from '../../../shared/schemas/members';
import { type MemberView, useCreateMember } from '../../api/members';
import { FormModal, notSent } from '../../components/FormModal';
import { checkWithSchema } from '../../components/formErrors';
import { OrgPicker, type PickedOrg } from '../../components/OrgPicker';
import { members } from '../../locales/zh-CN';
import { blankToNull, MemberFields, type MemberFormValues, profilePayload } from './MemberFields';
import { memberUnionTypes } from './memberOptions';
import { useDuplicateIdNumber } from './useDuplicateIdNumber';

interface CreateMemberModalProps {
  /** The union the form starts with (the list's filter or the cadre's own union), if members can join it. */
  union?: PickedOrg | null;
  onClose: () => void;
  /** Opens the drawer of the member already holding the entered ID number. */
  onOpenMember: (id: number) => void;
}

/** 登记会员: the union, identity (birth date and gender read from the ID number) and work details. */
export function CreateMemberModal({ union, onClose, onOpenMember }: CreateMemberModalProps) {
  const [form] = Form.useForm<MemberFormValues>();
  const create = useCreateMember();
  const duplicate = useDuplicateIdNumber(onOpenMember);
  const startUnion = union?.type && memberUnionTypes.includes(union.type as OrgType) ? union : null;

  const submit = async (values: MemberFormValues) => {
    const { gender } = values;
    // The form's required rule has already reported a missing gender.
    if (!gender) return notSent;
    const body = {
      ...profilePayload(values),
      gender,
      orgId: values.orgId ?? 0,
      idNumber: values.idNumber ?? '',
      mobile: blankToNull(values.mobile),
    };
    if (!checkWithSchema(createMemberBody, body, form)) return notSent;
    try {
      return await create.mutateAsync(body);
    } catch (error) {
      return duplicate.catchDuplicate(error, form);
    }
  };

  return (
    <FormModal<MemberFormValues, MemberView>
      title={members.create}
      name="createMember"
      form={form}
      width={820}
      testId="create-member-form"
      initialValues={{
        orgId: startUnion?.id,
        ethnicity: '汉族',
        workerCategory: 'regular',
        joinedDate: dayjs(),
      }}
      submit={submit}
      successMessage={members.created}
      pending={create.isPending}
      onClose={onClose}
    >
      {duplicate.alert}
      <MemberFields
        onIdNumberChange={duplicate.clear}
        orgField={
          <Form.Item name="orgId" label={members.fields.org} rules={[{ required: true, message: members.orgRequired }]}>
            <OrgPicker initialOrg={startUnion} onlyTypes={memberUnionTypes} placeholder={members.unionPlaceholder} />
          </Form.Item>
        }
      />
    </FormModal>
  );
}
