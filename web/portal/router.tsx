import { createBrowserRouter } from 'react-router';
import { AssistanceApplyPage, AssistanceCasePage, AssistanceMinePage } from './AssistancePages';
import { JoinPage } from './JoinPage';
import { JoinStatusPage } from './JoinStatus';
import { PortalCard } from './PortalCard';
import { PortalChangePassword } from './PortalChangePassword';
import { PortalCorrect } from './PortalCorrect';
import { PortalHome } from './PortalHome';
import { PortalLogin } from './PortalLogin';
import { PortalMyInfo } from './PortalMyInfo';
import { PortalSession, PortalSessionWatcher } from './PortalSession';
import { PortalTransfer } from './PortalTransfer';
import { PortalVerify } from './PortalVerify';
import { RecuperationPortal } from './RecuperationPortal';

/** The member portal's pages, all under /m. Small enough to ship in one chunk (the QR encoder loads on use). */
export const portalRouter = createBrowserRouter(
  [
    // A service point scans a member's card here, usually without an account: no session needed.
    { path: '/verify', element: <PortalVerify /> },
    // A worker arrives from a union's QR code, usually without an account: the page registers them.
    { path: '/join', element: <JoinPage /> },
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
            { path: '/join/status', element: <JoinStatusPage /> },
            { path: '/transfer', element: <PortalTransfer /> },
            { path: '/assistance', element: <AssistanceMinePage /> },
            { path: '/assistance/apply', element: <AssistanceApplyPage /> },
            { path: '/assistance/:id', element: <AssistanceCasePage /> },
            { path: '/recuperation', element: <RecuperationPortal /> },
            { path: '/password', element: <PortalChangePassword /> },
            { path: '*', element: <PortalHome /> },
          ],
        },
      ],
    },
  ],
  { basename: '/m' },
);
