import { Form } from 'antd';
import dayjs from 'dayjs';
import { educationLevels, ethnicities, politicalStatuses } from '../../../shared/memberEnums';
import { updateMemberBody } from '../../../shared/schemas/members';
import { type MemberView, type UpdateMemberInput, useUpdateMember } from '../../api/members';
import { FormModal, notSent } from '../../components/FormModal';
import { checkWithSchema } from '../../components/formErrors';
import { common, members } from '../../locales/zh-CN';
import { MemberFields, type MemberFormValues, profilePayload } from './MemberFields';
import { useDuplicateIdNumber } from './useDuplicateIdNumber';

interface EditMemberModalProps {
  member: MemberView;
  onClose: () => void;
  /** Opens the drawer of the member already holding a retyped ID number. */
  onOpenMember: (id: number) => void;
}

/** The view carries these as plain strings; the form's selects take one of the listed values. */
const listed = <T extends string>(list: readonly T[], value: string | null) => list.find((v) => v === value) ?? null;

function initialValues(member: MemberView): MemberFormValues {
  return {
    name: member.name,
    gender: member.gender,
    ethnicity: listed(ethnicities, member.ethnicity) ?? undefined,
    birthDate: dayjs(member.birthDate),
    education: listed(educationLevels, member.education),
    politicalStatus: listed(politicalStatuses, member.politicalStatus),
    employerName: member.employerName,
    employerCreditCode: member.employerCreditCode,
    position: member.position,
    workerCategory: member.workerCategory,
    joinedDate: dayjs(member.joinedDate),
  };
}

/**
 * Edits a member's record. The ID and mobile numbers are shown masked, so their fields start empty
 * and are sent only when retyped.
 */
export function EditMemberModal({ member, onClose, onOpenMember }: EditMemberModalProps) {
  const [form] = Form.useForm<MemberFormValues>();
  const update = useUpdateMember();
  const duplicate = useDuplicateIdNumber(onOpenMember);

  const submit = async (values: MemberFormValues) => {
    const body: UpdateMemberInput = profilePayload(values);
    if (values.idNumber?.trim()) body.idNumber = values.idNumber.trim();
    if (values.mobile?.trim()) body.mobile = values.mobile.trim();
    if (!checkWithSchema(updateMemberBody, body, form)) return notSent;
    try {
      return await update.mutateAsync({ id: member.id, body });
    } catch (error) {
      return duplicate.catchDuplicate(error, form);
    }
  };

  return (
    <FormModal<MemberFormValues, MemberView>
      title={members.editTitle(member.name)}
      name="editMember"
      form={form}
      width={820}
      testId="edit-member-form"
      initialValues={initialValues(member)}
      submit={submit}
      successMessage={common.saved}
      pending={update.isPending}
      onClose={onClose}
    >
      {duplicate.alert}
      <MemberFields masked={{ idNumber: member.idNumber, mobile: member.mobile }} onIdNumberChange={duplicate.clear} />
    </FormModal>
  );
}
