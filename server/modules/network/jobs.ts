import type { Services } from '../../platform/context';

/** Scheduled work of the network module. */
export function registerNetworkJobs(services: Services): void {
  void services;
}
