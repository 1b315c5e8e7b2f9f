import { Permission, type PermissionName } from '../../../common/permissions';

export interface ShellNavItem {
  path: string;
  /** Key in the `common` namespace. */
  labelKey: string;
  permission?: PermissionName;
}

export const ADMIN_NAV: ShellNavItem[] = [
  { path: '/admin/users', labelKey: 'nav.users', permission: Permission.UsersManage },
  { path: '/admin/organisations', labelKey: 'nav.organisations', permission: Permission.OrganisationsManage },
  { path: '/admin/roles', labelKey: 'nav.roles', permission: Permission.RolesManage },
  { path: '/admin/audit', labelKey: 'nav.audit', permission: Permission.AuditRead },
  { path: '/admin/mail-outbox', labelKey: 'nav.mailOutbox', permission: Permission.MailOutboxRead },
  { path: '/admin/settings', labelKey: 'nav.networkSettings', permission: Permission.NetworkSettingsManage },
];
