import type { WebModule } from '../../app/modules';

/** Placeholder until the fund module's pages arrive: no navigation, no routes. */
export const fundModule: WebModule = { key: 'fund', nav: [], routes: [] };
