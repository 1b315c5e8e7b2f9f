import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';

/** A lazily loaded page: each page of the module is fetched the first time it is visited. */
function page(load: () => Promise<Record<string, ComponentType>>, name: string): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load())[name] }) };
}

export const placesModule: WebModule = {
  key: 'places',
  nav: [{ path: '/places/boundaries', labelKey: 'nav.boundaries', permission: Permission.PlacesRead }],
  routes: [{ path: 'places/boundaries', ...page(() => import('./BoundariesPage'), 'BoundariesPage') }],
};
