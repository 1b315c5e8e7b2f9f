import type { WebModule } from '../../app/modules';

/** Placeholder until the network module's pages arrive: no navigation, no routes. */
export const networkModule: WebModule = { key: 'network', nav: [], routes: [] };
