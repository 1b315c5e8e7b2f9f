import type { HamsafarApp } from '../../platform/http/types';

export default async function auditRoutes(app: HamsafarApp) {
  void app;
}
