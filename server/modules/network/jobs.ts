import type { Services } from '../../platform/context';
import { notifyOverdueActionPoints } from './action-points.service';
import './messages';

/** Scheduled work of the network module. */
export function registerNetworkJobs(services: Services): void {
  // Hourly: a due date passes at midnight Pakistan time, and each action point is announced once.
  services.jobs.every('network.actionPoints.overdue', 3600, async (_payload, db) => {
    await notifyOverdueActionPoints(db, services);
  });
}
