import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';
import { page } from '../../app/lazy-page';

export const networkModule: WebModule = {
  key: 'network',
  nav: [
    { path: '/network/directory', labelKey: 'nav.directory', permission: Permission.DirectoryRead },
    { path: '/network/membership', labelKey: 'nav.apply', permission: Permission.MembershipApply },
    { path: '/network/applications', labelKey: 'nav.applications', permission: Permission.MembershipReview },
    { path: '/network/working-groups', labelKey: 'nav.workingGroups', permission: Permission.DirectoryRead },
    { path: '/network/documents', labelKey: 'nav.documents', permission: Permission.DirectoryRead },
    { path: '/network/meetings', labelKey: 'nav.meetings', permission: Permission.MeetingsRead },
    { path: '/network/decisions', labelKey: 'nav.decisions', permission: Permission.MeetingsRead },
    { path: '/network/action-points', labelKey: 'nav.actionPoints', permission: Permission.ActionPointsRead },
    { path: '/network/workplan', labelKey: 'nav.workplan', permission: Permission.WorkplanRead },
    { path: '/network/matrix', labelKey: 'nav.matrix', permission: Permission.WorkplanRead },
    { path: '/network/dashboard', labelKey: 'nav.dashboard', permission: Permission.NetworkDashboardRead },
  ],
  routes: [
    { path: 'network/directory', ...page(() => import('./DirectoryPage'), 'DirectoryPage') },
    { path: 'network/membership', ...page(() => import('./ApplicationsPage'), 'ApplicationsPage') },
    { path: 'network/applications', ...page(() => import('./ApplicationsPage'), 'ApplicationsPage') },
    { path: 'network/working-groups', ...page(() => import('./WorkingGroupsPage'), 'WorkingGroupsPage') },
    { path: 'network/working-groups/:id', ...page(() => import('./WorkingGroupPage'), 'WorkingGroupPage') },
    { path: 'network/documents', ...page(() => import('./DocumentsPage'), 'DocumentsPage') },
    { path: 'network/meetings', ...page(() => import('./MeetingsPage'), 'MeetingsPage') },
    { path: 'network/meetings/:id', ...page(() => import('./MeetingPage'), 'MeetingPage') },
    { path: 'network/decisions', ...page(() => import('./DecisionsPage'), 'DecisionsPage') },
    { path: 'network/action-points', ...page(() => import('./ActionPointsPage'), 'ActionPointsPage') },
    { path: 'network/action-points/:id', ...page(() => import('./ActionPointPage'), 'ActionPointPage') },
    { path: 'network/workplan', ...page(() => import('./WorkplanPage'), 'WorkplanPage') },
    { path: 'network/matrix', ...page(() => import('./MatrixPage'), 'MatrixPage') },
    { path: 'network/dashboard', ...page(() => import('./DashboardPage'), 'DashboardPage') },
  ],
};
