import { Permission } from '../../../common/permissions';
import type { WebModule } from '../../app/modules';
import { page } from '../../app/lazy-page';

export const protectionModule: WebModule = {
  key: 'protection',
  nav: [
    { path: '/protection', labelKey: 'nav.workQueue', permission: Permission.CasesReadAssigned },
    { path: '/protection/cases', labelKey: 'nav.cases', permission: Permission.CasesReadAssigned },
    { path: '/protection/referrals', labelKey: 'nav.referrals', permission: Permission.ReferralsReceive },
    { path: '/protection/break-glass', labelKey: 'nav.breakGlass', permission: Permission.BreakGlass },
    { path: '/protection/statistics', labelKey: 'nav.statistics', permission: Permission.ProtectionStatsRead },
    { path: '/protection/settings', labelKey: 'nav.settings', permission: Permission.ProtectionSettingsManage },
  ],
  routes: [
    { path: 'protection', ...page(() => import('./WorkQueuePage'), 'WorkQueuePage') },
    { path: 'protection/cases', ...page(() => import('./CasesPage'), 'CasesPage') },
    { path: 'protection/cases/:id', ...page(() => import('./CasePage'), 'CasePage') },
    { path: 'protection/referrals', ...page(() => import('./ReferralsPage'), 'ReferralsPage') },
    { path: 'protection/referrals/:id', ...page(() => import('./ReferralPage'), 'ReferralPage') },
    { path: 'protection/break-glass', ...page(() => import('./BreakGlassPage'), 'BreakGlassPage') },
    { path: 'protection/statistics', ...page(() => import('./StatisticsPage'), 'StatisticsPage') },
    { path: 'protection/settings', ...page(() => import('./SettingsPage'), 'SettingsPage') },
  ],
};
