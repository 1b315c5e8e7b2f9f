import type { HamsafarApp } from '../../platform/http/types';

export default async function fundRoutes(app: HamsafarApp) {
  void app;
}
