import { Link } from 'react-router';
import { common } from '../locales/zh-CN';

/** The platform's mark and name; white on the red top bar. */
export function BrandTitle({ color = '#fff' }: { color?: string }) {
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color }}>
      <img src="/favicon.svg" alt="" width={30} height={30} style={{ borderRadius: 6, background: '#fff' }} />
      <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>{common.appName}</span>
    </Link>
  );
}
