import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { grassrootsTypes } from '../../../../shared/enums';
import { useJoinLink } from '../../../api/joins';
import { useSession } from '../../../app/session';
import { OrgPicker, type PickedOrg } from '../../../components/OrgPicker';
import { common, memberJoins as t } from '../../../locales/zh-CN';
import { QrCode } from '../../../portal/QrCode';

/** A large PNG of the QR code, for printing on a poster. */
async function qrPng(text: string) {
  const qr = await import('qrcode');
  return qr.toDataURL(text, { width: 960, margin: 2, errorCorrectionLevel: 'M' });
}

async function download(text: string, unionName: string) {
  const link = document.createElement('a');
  link.href = await qrPng(text);
  link.download = `${unionName}-入会二维码.png`;
  link.click();
}

/** Opens a print view with the code, the union's name and a line telling workers what to do. */
async function print(text: string, unionName: string) {
  const src = await qrPng(text);
  const win = window.open('', '_blank', 'width=720,height=900');
  if (!win) return;
  const doc = win.document;
  doc.title = t.qrTitle;
  const box = doc.createElement('div');
  box.style.cssText =
    'font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; text-align: center; padding: 48px;';
  const title = doc.createElement('h1');
  title.textContent = unionName;
  const img = doc.createElement('img');
  img.src = src;
  img.style.cssText = 'width: 480px; height: 480px;';
  const line = doc.createElement('p');
  line.style.cssText = 'font-size: 22px;';
  line.textContent = t.qrScan(unionName);
  box.append(title, img, line);
  doc.body.append(box);
  img.onload = () => win.print();
}

/** The caller's own grassroots union, if a grant sits on one: the natural first choice. */
function ownUnion(grants: { org: { id: number; name: string; type: string } }[]): PickedOrg | null {
  const g = grants.find((grant) => (grassrootsTypes as readonly string[]).includes(grant.org.type));
  return g ? g.org : null;
}

/** 入会二维码: a grassroots union's join link as a QR code to show, download or print. */
export function JoinQrModal({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const start = ownUnion(session.grants);
  const [orgId, setOrgId] = useState<number | undefined>(start?.id);
  const link = useJoinLink(orgId);
  const url = link.data ? `${window.location.origin}${link.data.path}` : null;

  return (
    <Modal open title={t.qrTitle} width={560} footer={null} onCancel={onClose} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label={t.qrUnion} extra={t.qrUnionHint}>
          <OrgPicker
            value={orgId}
            initialOrg={start}
            onlyTypes={grassrootsTypes}
            placeholder={t.unionPlaceholder}
            onChange={(id) => setOrgId(id)}
          />
        </Form.Item>
      </Form>
      {!orgId && <Alert type="info" showIcon title={t.qrPick} />}
      {orgId && link.isPending && <Skeleton.Node active style={{ width: 240, height: 240 }} />}
      {link.error && <Alert type="warning" showIcon title={link.error.message} />}
      {link.data && url && (
        <Flex vertical align="center" gap={12} data-testid="join-qr" data-join-url={url}>
          <QrCode text={url} size={240} alt={t.qrScan(link.data.union.name)} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {link.data.union.name}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t.qrHint}
          </Typography.Text>
          <Typography.Text copyable={{ text: url }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {`${t.qrLink}：${url}`}
          </Typography.Text>
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void download(url, link.data.union.name)}>
              {t.qrDownload}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => void print(url, link.data.union.name)}>
              {t.qrPrint}
            </Button>
            <Button onClick={onClose}>{common.close}</Button>
          </Space>
        </Flex>
      )}
    </Modal>
  );
}
