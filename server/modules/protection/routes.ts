import type { HamsafarApp } from '../../platform/http/types';

export default async function protectionRoutes(app: HamsafarApp) {
  void app;
}
