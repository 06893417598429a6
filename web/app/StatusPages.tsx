import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { common } from '../locales/zh-CN';

const backHome = (
  <Link to="/">
    <Button type="primary">{common.backHome}</Button>
  </Link>
);

/** Shown where the account lacks the permission code of a page. */
export function Forbidden() {
  return <Result status="403" title={common.forbidden} subTitle={common.forbiddenHint} extra={backHome} />;
}

/** Shown for an address that is no page. */
export function NotFound() {
  return <Result status="404" title={common.notFound} subTitle={common.notFoundHint} extra={backHome} />;
}
