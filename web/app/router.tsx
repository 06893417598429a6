import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import type { PermissionCode } from '../../shared/permissions';
import { FullPageSpin, PageSkeleton } from '../components/PageSkeleton';
import { AdminLayout } from './AdminLayout';
import { NotFound } from './StatusPages';
import { changePasswordPath, RequirePermission, RequireSession, SessionWatcher } from './session';

// Each page is its own chunk: a cadre who opens only the org tree never downloads the audit page.
const LoginPage = lazy(() => import('../pages/auth/LoginPage'));
const ChangePasswordPage = lazy(() => import('../pages/auth/ChangePasswordPage'));
const HomePage = lazy(() => import('../pages/home/HomePage'));
const OrgsPage = lazy(() => import('../pages/orgs/OrgsPage'));
const MembersPage = lazy(() => import('../pages/members/MembersPage'));
const MemberStatsPage = lazy(() => import('../pages/members/stats/MemberStatsPage'));
const MemberCorrectionsPage = lazy(() => import('../pages/members/corrections/MemberCorrectionsPage'));
const MemberImportsPage = lazy(() => import('../pages/members/imports/MemberImportsPage'));
const MemberJoinsPage = lazy(() => import('../pages/members/joins/MemberJoinsPage'));
const MemberTransfersPage = lazy(() => import('../pages/members/transfers/MemberTransfersPage'));
const AccountsPage = lazy(() => import('../pages/accounts/AccountsPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const WorkplansPage = lazy(() => import('../pages/workplans/WorkplansPage'));
const NewDocumentPage = lazy(() => import('../pages/workplans/NewDocumentPage'));
const EditDocumentPage = lazy(() => import('../pages/workplans/EditDocumentPage'));
const DocumentDetailPage = lazy(() => import('../pages/workplans/DocumentDetailPage'));
const TodoPage = lazy(() => import('../pages/workplans/TodoPage'));

/** A page inside the admin layout, behind its permission code. */
function page(element: ReactNode, permission?: PermissionCode) {
  const content = <Suspense fallback={<PageSkeleton />}>{element}</Suspense>;
  return permission ? <RequirePermission code={permission}>{content}</RequirePermission> : content;
}

/** A page on its own (login, password change). */
function standalone(element: ReactNode) {
  return <Suspense fallback={<FullPageSpin />}>{element}</Suspense>;
}

export const router = createBrowserRouter([
  {
    element: <SessionWatcher />,
    children: [
      { path: '/login', element: standalone(<LoginPage />) },
      {
        element: <RequireSession />,
        children: [
          { path: changePasswordPath, element: standalone(<ChangePasswordPage />) },
          {
            element: <AdminLayout />,
            children: [
              { index: true, element: page(<HomePage />) },
              { path: 'orgs', element: page(<OrgsPage />, 'orgs.read') },
              { path: 'members', element: page(<MembersPage />, 'members.read') },
              { path: 'members/stats', element: page(<MemberStatsPage />, 'members.read') },
              { path: 'members/corrections', element: page(<MemberCorrectionsPage />, 'members.manage') },
              { path: 'members/imports', element: page(<MemberImportsPage />, 'members.manage') },
              { path: 'members/joins', element: page(<MemberJoinsPage />, 'members.manage') },
              { path: 'members/transfers', element: page(<MemberTransfersPage />, 'members.manage') },
              { path: 'workplans', element: page(<WorkplansPage />, 'workplans.read') },
              { path: 'workplans/new', element: page(<NewDocumentPage />, 'workplans.manage') },
              { path: 'workplans/todo', element: page(<TodoPage />, 'workplans.read') },
              { path: 'workplans/:id', element: page(<DocumentDetailPage />, 'workplans.read') },
              { path: 'workplans/:id/edit', element: page(<EditDocumentPage />, 'workplans.manage') },
              { path: 'accounts', element: page(<AccountsPage />, 'accounts.read') },
              { path: 'audit', element: page(<AuditPage />, 'audit.read') },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);
