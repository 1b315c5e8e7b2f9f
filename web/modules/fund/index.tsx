import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';
import { page } from '../../app/lazy-page';

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
