import type { FastifyInstance } from 'fastify';
import type { Services } from '../platform/context';
import type { DemoContext } from '../seed/demo';
import type { HamsafarApp } from '../platform/http/types';
import authRoutes from './auth/routes';
import adminRoutes from './admin/routes';
import auditRoutes from './audit/routes';
import notificationRoutes from './notifications/routes';
import systemRoutes from './system/routes';

/** Every module's routes, mounted under /api/v1. */
export async function moduleRoutes(app: FastifyInstance): Promise<void> {
  const api = app as unknown as HamsafarApp;
  await api.register(systemRoutes);
  await api.register(authRoutes, { prefix: '/auth' });
  await api.register(adminRoutes, { prefix: '/admin' });
  await api.register(auditRoutes, { prefix: '/audit' });
  await api.register(notificationRoutes, { prefix: '/notifications' });
}

/** Every module's scheduled jobs. */
export function registerJobs(services: Services): void {
  void services;
}

/** Each module's demo data, run in this order after the demo network and its users exist. */
export const moduleDemoSeeds: Array<(demo: DemoContext) => Promise<void>> = [];
