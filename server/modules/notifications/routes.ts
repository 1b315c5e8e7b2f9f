import type { HamsafarApp } from '../../platform/http/types';

export default async function notificationsRoutes(app: HamsafarApp) {
  void app;
}
