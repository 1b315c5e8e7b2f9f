import type { Services } from '../../platform/context';

/** Scheduled work of the fund module. */
export function registerFundJobs(services: Services): void {
  void services;
}
