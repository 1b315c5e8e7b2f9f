import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';

/** A lazily loaded page: each page of the module is fetched the first time it is visited. */
function page(load: () => Promise<Record<string, ComponentType>>, name: string): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load())[name] }) };
}

export const fundModule: WebModule = {
  key: 'fund',
  nav: [
    { path: '/fund/dashboard', labelKey: 'nav.dashboard', permission: Permission.FundPublishedRead },
    { path: '/fund/programmes', labelKey: 'nav.programmes', permission: Permission.FundPublishedRead },
    { path: '/fund/funding-status', labelKey: 'nav.fundingStatus', permission: Permission.FundPublishedRead },
    { path: '/fund/contributions', labelKey: 'nav.contributions', permission: Permission.FundMoneyRead },
  ],
  routes: [
    { path: 'fund/dashboard', ...page(() => import('./DashboardPage'), 'DashboardPage') },
    { path: 'fund/programmes', ...page(() => import('./ProgrammesPage'), 'ProgrammesPage') },
    { path: 'fund/programmes/new', ...page(() => import('./ProposalFormPage'), 'ProposalFormPage') },
    { path: 'fund/programmes/:id', ...page(() => import('./ProgrammePage'), 'ProgrammePage') },
    { path: 'fund/programmes/:id/edit', ...page(() => import('./ProposalFormPage'), 'ProposalFormPage') },
    { path: 'fund/funding-status', ...page(() => import('./FundingStatusPage'), 'FundingStatusPage') },
    { path: 'fund/contributions', ...page(() => import('./ContributionsPage'), 'ContributionsPage') },
  ],
};
