import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { brandRed } from '../../app/theme';
import { auth, common } from '../../locales/zh-CN';

/** The centred card of the login and password pages, on the brand background. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      style={{
        flex: 1,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: '48px 16px 24px',
        background: `linear-gradient(180deg, ${brandRed} 0, #9e1016 300px, #f5f5f5 300px)`,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
        <img src="/favicon.svg" alt="" width={44} height={44} style={{ borderRadius: 8, background: '#fff' }} />
        <Typography.Title level={2} style={{ color: '#fff', margin: 0, letterSpacing: 2 }}>
          {common.appName}
        </Typography.Title>
      </div>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', marginBottom: 28 }}>
        {auth.loginSubtitle}
      </Typography.Text>
      <Card title={title} style={{ width: '100%', maxWidth: 420, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        {children}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 32, fontSize: 12 }}>
        {auth.footer}
      </Typography.Text>
    </div>
  );
}
