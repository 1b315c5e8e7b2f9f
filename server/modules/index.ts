import type { FastifyInstance } from 'fastify';
import type { Services } from '../platform/context';
import type { HamsafarApp } from '../platform/http/types';
import type { DemoContext } from '../seed/demo';
import authRoutes from './auth/routes';
import adminRoutes from './admin/routes';
import auditRoutes from './audit/routes';
import notificationRoutes from './notifications/routes';
import systemRoutes from './system/routes';
import networkRoutes from './network/routes';
import protectionRoutes from './protection/routes';
import fundRoutes from './fund/routes';
import placesRoutes from './places/routes';
import { registerNetworkJobs } from './network/jobs';
import { registerProtectionJobs } from './protection/jobs';
import { registerFundJobs } from './fund/jobs';
import { seedNetworkDemo } from './network/demo';
import { seedProtectionDemo } from './protection/demo';
import { seedFundDemo } from './fund/demo';

/** Every module's routes, mounted under /api/v1. */
export async function moduleRoutes(app: FastifyInstance): Promise<void> {
  const api = app as unknown as HamsafarApp;
  await api.register(systemRoutes);
  await api.register(authRoutes, { prefix: '/auth' });
  await api.register(adminRoutes, { prefix: '/admin' });
  await api.register(auditRoutes, { prefix: '/audit' });
  await api.register(notificationRoutes, { prefix: '/notifications' });
  await api.register(networkRoutes, { prefix: '/network' });
  await api.register(protectionRoutes, { prefix: '/protection' });
  await api.register(fundRoutes, { prefix: '/fund' });
  await api.register(placesRoutes, { prefix: '/places' });
}

/** Every module's scheduled jobs. */
export function registerJobs(services: Services): void {
  registerNetworkJobs(services);
  registerProtectionJobs(services);
  registerFundJobs(services);
}

/** Each module's demo data, run in this order after the demo network and its users exist. */
export const moduleDemoSeeds: Array<(demo: DemoContext) => Promise<void>> = [seedNetworkDemo, seedProtectionDemo, seedFundDemo];
