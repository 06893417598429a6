import {
  Button,
  Form,
  ImageUploader,
  type ImageUploadItem,
  Input,
  NavBar,
  ProgressBar,
  Selector,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { yuanToFen } from '../../shared/money';
import {
  type AssistanceType,
  assistanceTypeCodes,
  assistanceTypes,
  maxCaseFen,
  maxCaseFileBytes,
  maxCaseFiles,
} from '../../shared/schemas/assistance';
import { useApplyAssistance } from '../api/assistance';
import { ApiError } from '../api/client';
import { assistancePortal as t } from '../locales/assistance.zh-CN';
import { common } from '../locales/zh-CN';

interface ApplyValues {
  type?: AssistanceType[];
  amount?: string;
  reason?: string;
  bankName?: string;
  bankAccount?: string;
}

const typeOptions = assistanceTypeCodes.map((value) => ({
  value,
  label: assistanceTypes[value],
  description: t.typeHelp[value],
}));

/** A photo as the uploader shows it: a local preview of the file, which goes up with the form. */
type PhotoItem = ImageUploadItem & { extra: File };

const amountRule = {
  validator: (_rule: unknown, value: string | undefined) => {
    if (!value?.trim()) return Promise.reject(new Error(t.amountRequired));
    const fen = yuanToFen(value);
    if (fen === null) return Promise.reject(new Error(t.amountInvalid));
    if (fen <= 0) return Promise.reject(new Error(t.amountPositive));
    if (fen > maxCaseFen) return Promise.reject(new Error(t.amountTooLarge));
    return Promise.resolve();
  },
};

/**
 * 申请帮扶: the worker's own application from the phone — type (each explained), amount in yuan (turned
 * into fen by its digits), hardship, bank account, and photos of documents taken with the camera,
 * checked for size here and sent with the fields as one multipart request.
 */
export function AssistanceApply() {
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplyValues>();
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const apply = useApplyAssistance((sent, total) => setProgress(total ? Math.round((sent / total) * 100) : null));

  const onFinish = async (values: ApplyValues) => {
    const fen = yuanToFen(values.amount ?? '');
    const type = values.type?.[0];
    if (fen === null || !type) return;
    setProgress(0);
    try {
      await apply.mutateAsync({
        type,
        amountRequestedFen: fen,
        reason: values.reason?.trim() ?? '',
        bankName: values.bankName?.trim() ?? '',
        bankAccount: values.bankAccount?.replace(/[\s-]/g, '') ?? '',
        files: photos.map((p) => p.extra),
      });
      Toast.show({ icon: 'success', content: t.submitted });
      navigate('/assistance', { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fieldOf = (f: string) => (f === 'amountRequestedFen' ? 'amount' : f);
      form.setFields(error.fieldProblems.map((p) => ({ name: fieldOf(p.field), errors: [p.message] })));
      Toast.show({ icon: 'fail', content: error.code === 'members/not_linked' ? t.notLinked : error.message });
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/')}>
        {t.applyTitle}
      </NavBar>
      <Form
        form={form}
        name="assistance-apply"
        layout="vertical"
        mode="card"
        requiredMarkStyle="none"
        onFinish={onFinish}
        data-testid="assistance-apply"
        footer={
          <>
            {progress !== null && (
              <div style={{ marginBottom: 12 }}>
                <ProgressBar percent={progress} />
                <p className="portal-muted">{t.uploading(progress)}</p>
              </div>
            )}
            <Button block type="submit" color="primary" size="large" loading={apply.isPending}>
              {t.submit}
            </Button>
          </>
        }
      >
        <Form.Header>{t.applyHint}</Form.Header>
        <Form.Item name="type" label={t.type} rules={[{ required: true, message: t.typeRequired }]}>
          <Selector
            columns={1}
            options={typeOptions}
            style={{ '--padding': '10px 12px', '--border-radius': '8px' }}
            data-testid="assistance-type"
          />
        </Form.Item>
        <Form.Item name="amount" label={t.amount} rules={[amountRule]}>
          <Input inputMode="decimal" placeholder={t.amountPlaceholder} clearable />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t.reason}
          rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
        >
          <TextArea maxLength={2000} showCount rows={4} placeholder={t.reasonPlaceholder} />
        </Form.Item>
        <Form.Item
          name="bankName"
          label={t.bankName}
          rules={[{ required: true, whitespace: true, message: t.bankNameRequired }]}
        >
          <Input maxLength={50} placeholder={t.bankNamePlaceholder} clearable />
        </Form.Item>
        <Form.Item
          name="bankAccount"
          label={t.bankAccount}
          rules={[
            { required: true, whitespace: true, message: t.bankAccountRequired },
            { pattern: /^[\d\s-]{8,40}$/, message: t.bankAccountInvalid },
          ]}
        >
          <Input
            inputMode="numeric"
            maxLength={40}
            placeholder={t.bankAccountPlaceholder}
            className="portal-mono"
            clearable
          />
        </Form.Item>
        <Form.Item label={t.photos} description={t.photosHint}>
          <ImageUploader
            value={photos}
            onChange={(items) => setPhotos(items as PhotoItem[])}
            accept="image/*"
            capture="environment"
            multiple
            maxCount={maxCaseFiles}
            onCountExceed={() => Toast.show({ content: t.tooManyPhotos })}
            beforeUpload={(file) => {
              if (!file.type.startsWith('image/')) {
                Toast.show({ content: t.photoType });
                return null;
              }
              if (file.size > maxCaseFileBytes) {
                Toast.show({ content: t.photoTooLarge });
                return null;
              }
              return file;
            }}
            // Nothing is sent yet: the photo is previewed locally and goes up with the application.
            upload={async (file) => ({ url: URL.createObjectURL(file), extra: file })}
            data-testid="assistance-photos"
          />
        </Form.Item>
      </Form>
    </>
  );
}
