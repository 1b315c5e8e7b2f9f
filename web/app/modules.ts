import type { RouteObject } from 'react-router';
import type { PermissionName } from '../../common/permissions';
import { networkModule } from '../modules/network';
import { protectionModule } from '../modules/protection';
import { fundModule } from '../modules/fund';
import { placesModule } from '../modules/places';

export interface WebModuleNavItem {
  /** Absolute path inside the app, e.g. `/network/meetings`. */
  path: string;
  /** i18next key, read in the module's namespace unless it names one (`ns:key`). */
  labelKey: string;
  /** Shown only to users holding this permission (network-wide or own-org); absent: every signed-in user. */
  permission?: PermissionName;
}

/**
 * What a feature module gives the shell: its navigation entries and its routes. Routes should
 * load their pages lazily (`lazy: () => import('./SomePage')`) so each module is its own chunk.
 * The module's i18next namespace is its `key`.
 */
export interface WebModule {
  key: string;
  nav: WebModuleNavItem[];
  routes: RouteObject[];
}

export const webModules: WebModule[] = [networkModule, protectionModule, fundModule, placesModule];
