import type { Services } from '../../platform/context';

/** Scheduled work of the protection module. */
export function registerProtectionJobs(services: Services): void {
  void services;
}
