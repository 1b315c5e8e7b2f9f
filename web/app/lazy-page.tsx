import type { ComponentType } from 'react';
import { useParams, type RouteObject } from 'react-router';
import { NotFoundPage } from './pages/ErrorPages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A lazily loaded page: its code is fetched the first time the route is visited. An address whose
 * :id is not an id (typed by hand, cut short, or another page's name as in /activities/periods/edit)
 * is a page that does not exist: "not found", instead of a page built on some other answer.
 */
export function page(load: () => Promise<Record<string, unknown>>, name: string): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = (await load())[name] as ComponentType;
      function IdCheckedPage() {
        const { id } = useParams();
        return id === undefined || UUID.test(id) ? <Page /> : <NotFoundPage />;
      }
      return { Component: IdCheckedPage };
    },
  };
}
