import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';

/** A lazily loaded page: each page of the module is fetched the first time it is visited. */
function page(load: () => Promise<Record<string, ComponentType>>, name: string): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load())[name] }) };
}

export const activitiesModule: WebModule = {
  key: 'activities',
  nav: [
    { path: '/activities', labelKey: 'nav.activities', permission: Permission.ActivitiesRead },
    { path: '/activities/periods', labelKey: 'nav.periods', permission: Permission.ActivitiesRead },
  ],
  routes: [
    { path: 'activities', ...page(() => import('./ActivitiesPage'), 'ActivitiesPage') },
    { path: 'activities/new', ...page(() => import('./ActivityFormPage'), 'ActivityFormPage') },
    { path: 'activities/periods', ...page(() => import('./PeriodsPage'), 'PeriodsPage') },
    { path: 'activities/import', ...page(() => import('./ImportPage'), 'ImportPage') },
    { path: 'activities/:id', ...page(() => import('./ActivityPage'), 'ActivityPage') },
    { path: 'activities/:id/edit', ...page(() => import('./ActivityFormPage'), 'ActivityFormPage') },
  ],
};
