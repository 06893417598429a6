import { createBrowserRouter } from 'react-router';
import { PortalChangePassword } from './PortalChangePassword';
import { PortalHome } from './PortalHome';
import { PortalLogin } from './PortalLogin';
import { PortalSession, PortalSessionWatcher } from './PortalSession';

/** The member portal's pages, all under /m. Small enough to ship in one chunk. */
export const portalRouter = createBrowserRouter(
  [
    {
      element: <PortalSessionWatcher />,
      children: [
        { path: '/login', element: <PortalLogin /> },
        {
          element: <PortalSession />,
          children: [
            { index: true, element: <PortalHome /> },
            { path: '/password', element: <PortalChangePassword /> },
            { path: '*', element: <PortalHome /> },
          ],
        },
      ],
    },
  ],
  { basename: '/m' },
);
