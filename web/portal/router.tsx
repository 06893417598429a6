import { createBrowserRouter } from 'react-router';
import { PortalCard } from './PortalCard';
import { PortalChangePassword } from './PortalChangePassword';
import { PortalCorrect } from './PortalCorrect';
import { PortalHome } from './PortalHome';
import { PortalLogin } from './PortalLogin';
import { PortalMyInfo } from './PortalMyInfo';
import { PortalSession, PortalSessionWatcher } from './PortalSession';
import { PortalVerify } from './PortalVerify';

/** The member portal's pages, all under /m. Small enough to ship in one chunk (the QR encoder loads on use). */
export const portalRouter = createBrowserRouter(
  [
    // A service point scans a member's card here, usually without an account: no session needed.
    { path: '/verify', element: <PortalVerify /> },
    {
      element: <PortalSessionWatcher />,
      children: [
        { path: '/login', element: <PortalLogin /> },
        {
          element: <PortalSession />,
          children: [
            { index: true, element: <PortalHome /> },
            { path: '/card', element: <PortalCard /> },
            { path: '/me', element: <PortalMyInfo /> },
            { path: '/me/correct', element: <PortalCorrect /> },
            { path: '/password', element: <PortalChangePassword /> },
            { path: '*', element: <PortalHome /> },
          ],
        },
      ],
    },
  ],
  { basename: '/m' },
);
