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
const HardshipPage = lazy(() => import('../pages/hardship/HardshipPage'));
const RecuperationPage = lazy(() => import('../pages/recuperation/RecuperationPage'));
const RecuperationProgrammePage = lazy(() => import('../pages/recuperation/ProgrammePage'));
const CampaignsPage = lazy(() => import('../pages/visits/CampaignsPage'));
const CampaignPage = lazy(() => import('../pages/visits/CampaignPage'));
const AssistancePage = lazy(() => import('../pages/assistance/AssistancePage'));
const AssistanceFundsPage = lazy(() => import('../pages/assistance/FundsPage'));
const AssistanceBatchesPage = lazy(() => import('../pages/assistance/BatchesPage'));
const AssistanceStatsPage = lazy(() => import('../pages/assistance/StatsPage'));

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
              { path: 'hardship', element: page(<HardshipPage />, 'welfare.read') },
              { path: 'assistance', element: page(<AssistancePage />, 'welfare.read') },
              { path: 'assistance/funds', element: page(<AssistanceFundsPage />, 'welfare.read') },
              { path: 'assistance/batches', element: page(<AssistanceBatchesPage />, 'welfare.read') },
              { path: 'assistance/stats', element: page(<AssistanceStatsPage />, 'welfare.read') },
              { path: 'visits', element: page(<CampaignsPage />, 'welfare.read') },
              { path: 'visits/:id', element: page(<CampaignPage />, 'welfare.read') },
              { path: 'recuperation', element: page(<RecuperationPage />, 'welfare.read') },
              { path: 'recuperation/:id', element: page(<RecuperationProgrammePage />, 'welfare.read') },
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
