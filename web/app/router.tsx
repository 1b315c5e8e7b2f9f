import { createBrowserRouter, Navigate, Outlet, useLocation, type RouteObject } from 'react-router';
import { Permission, type PermissionName } from '../../common/permissions';
import { Loading } from './components/Loading';
import { PublicLayout } from './layout/PublicLayout';
import { webModules } from './modules';
import { ForbiddenPage, NotFoundPage, RouteErrorPage } from './pages/ErrorPages';
import { useSession } from './session';
import { page } from './lazy-page';

/** Where a session that is not fully signed in must go next. */
function pendingStep(state: string): string | null {
  if (state === 'mfa_pending') return '/mfa';
  if (state === 'mfa_enrolment') return '/mfa/enrol';
  if (state === 'anonymous') return '/login';
  return null;
}

function RequireSignedIn() {
  const session = useSession();
  const location = useLocation();
  const step = pendingStep(session.state);
  if (step) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={step === '/login' && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : step} replace />;
  }
  return <Outlet />;
}

/** Hides a page from users without the permission; the server refuses its data anyway. */
function RequirePermission({ permission }: { permission: PermissionName }) {
  const session = useSession();
  return session.hasPermission(permission) ? <Outlet /> : <ForbiddenPage />;
}

const shellRoutes: RouteObject[] = [
  { index: true, ...page(() => import('./pages/HomePage'), 'HomePage') },
  { path: 'profile', ...page(() => import('./pages/ProfilePage'), 'ProfilePage') },
  { path: 'notifications', ...page(() => import('./pages/NotificationsPage'), 'NotificationsPage') },
  {
    element: <RequirePermission permission={Permission.UsersManage} />,
    children: [{ path: 'admin/users', ...page(() => import('./admin/UsersPage'), 'UsersPage') }],
  },
  {
    element: <RequirePermission permission={Permission.DirectoryRead} />,
    children: [{ path: 'admin/organisations', ...page(() => import('./admin/OrganisationsPage'), 'OrganisationsPage') }],
  },
  {
    element: <RequirePermission permission={Permission.RolesManage} />,
    children: [{ path: 'admin/roles', ...page(() => import('./admin/RolesPage'), 'RolesPage') }],
  },
  {
    element: <RequirePermission permission={Permission.AuditRead} />,
    children: [{ path: 'admin/audit', ...page(() => import('./admin/AuditPage'), 'AuditPage') }],
  },
  {
    element: <RequirePermission permission={Permission.MailOutboxRead} />,
    children: [{ path: 'admin/mail-outbox', ...page(() => import('./admin/MailOutboxPage'), 'MailOutboxPage') }],
  },
  {
    element: <RequirePermission permission={Permission.NetworkSettingsManage} />,
    children: [{ path: 'admin/settings', ...page(() => import('./admin/NetworkSettingsPage'), 'NetworkSettingsPage') }],
  },
];

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: 'login', ...page(() => import('./pages/LoginPage'), 'LoginPage') },
          { path: 'forgot-password', ...page(() => import('./pages/ForgotPasswordPage'), 'ForgotPasswordPage') },
          { path: 'mfa', ...page(() => import('./pages/MfaChallengePage'), 'MfaChallengePage') },
          { path: 'mfa/enrol', ...page(() => import('./pages/MfaEnrolmentPage'), 'MfaEnrolmentPage') },
          { path: 'accept-invitation', ...page(() => import('./pages/TokenPasswordPage'), 'AcceptInvitationPage') },
          { path: 'reset-password', ...page(() => import('./pages/TokenPasswordPage'), 'ResetPasswordPage') },
        ],
      },
      {
        element: <RequireSignedIn />,
        children: [
          {
            path: '/',
            // The signed-in shell (navigation, menus, drawer) is not needed by the sign-in pages: its own chunk.
            lazy: async () => ({ Component: (await import('./layout/AppLayout')).AppLayout }),
            children: [...shellRoutes, ...webModules.flatMap((module) => module.routes), { path: '*', element: <NotFoundPage /> }],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
