import type { HamsafarApp } from '../../platform/http/types';

export default async function networkRoutes(app: HamsafarApp) {
  void app;
}
