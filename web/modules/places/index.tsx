import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';
import { page } from '../../app/lazy-page';

export const placesModule: WebModule = {
  key: 'places',
  nav: [{ path: '/places/boundaries', labelKey: 'nav.boundaries', permission: Permission.PlacesRead }],
  routes: [{ path: 'places/boundaries', ...page(() => import('./BoundariesPage'), 'BoundariesPage') }],
};
