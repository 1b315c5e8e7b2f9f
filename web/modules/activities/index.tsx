import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';
import { page } from '../../app/lazy-page';

export const activitiesModule: WebModule = {
  key: 'activities',
  nav: [
    { path: '/activities', labelKey: 'nav.activities', permission: Permission.ActivitiesRead },
    { path: '/activities/periods', labelKey: 'nav.periods', permission: Permission.ActivitiesRead },
    { path: '/activities/map', labelKey: 'nav.map', permission: Permission.ActivitiesRead },
    { path: '/activities/gaps', labelKey: 'nav.gaps', permission: Permission.ActivitiesRead },
  ],
  routes: [
    { path: 'activities', ...page(() => import('./ActivitiesPage'), 'ActivitiesPage') },
    { path: 'activities/new', ...page(() => import('./ActivityFormPage'), 'ActivityFormPage') },
    { path: 'activities/periods', ...page(() => import('./PeriodsPage'), 'PeriodsPage') },
    { path: 'activities/map', ...page(() => import('./MapPage'), 'MapPage') },
    { path: 'activities/gaps', ...page(() => import('./MatrixPage'), 'MatrixPage') },
    { path: 'activities/import', ...page(() => import('./ImportPage'), 'ImportPage') },
    { path: 'activities/:id', ...page(() => import('./ActivityPage'), 'ActivityPage') },
    { path: 'activities/:id/edit', ...page(() => import('./ActivityFormPage'), 'ActivityFormPage') },
  ],
};
