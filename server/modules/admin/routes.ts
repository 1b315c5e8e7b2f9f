import type { HamsafarApp } from '../../platform/http/types';

export default async function adminRoutes(app: HamsafarApp) {
  void app;
}
