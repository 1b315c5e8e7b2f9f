import type { WebModule } from '../../app/modules';

/** Placeholder until the protection module's pages arrive: no navigation, no routes. */
export const protectionModule: WebModule = { key: 'protection', nav: [], routes: [] };
