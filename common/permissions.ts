/**
 * Permission names. A role is a set of grants; a grant is a permission name, optionally limited to
 * the holder's own organisation with the `:own-org` suffix. One function, `hasGrant`, reads them.
 */
export const Permission = {
  // Platform administration
  UsersManage: 'users.manage',
  OrganisationsManage: 'organisations.manage',
  RolesManage: 'roles.manage',
  NetworkSettingsManage: 'network.settings.manage',
  AuditRead: 'audit.read',
  MailOutboxRead: 'mail.outbox.read',
  // Network module
  DirectoryRead: 'directory.read',
  MembershipApprove: 'membership.approve',
  MembershipReview: 'membership.review',
  MembershipApply: 'membership.apply',
  GovernanceDocumentsManage: 'governance.documents.manage',
  WorkingGroupsManage: 'working-groups.manage',
  MeetingsRead: 'meetings.read',
  MeetingsManage: 'meetings.manage',
  MeetingsComment: 'meetings.comment',
  MinutesApprove: 'minutes.approve',
  SteeringMeetingsManage: 'steering-meetings.manage',
  ActionPointsRead: 'action-points.read',
  ActionPointsManage: 'action-points.manage',
  ActionPointsUpdate: 'action-points.update',
  WorkplanRead: 'workplan.read',
  WorkplanManage: 'workplan.manage',
  WorkplanEdit: 'workplan.edit',
  NetworkDashboardRead: 'network.dashboard.read',
  // Protection module
  CasesRead: 'cases.read',
  CasesWrite: 'cases.write',
  CasesReadAssigned: 'cases.read-assigned',
  CasesClose: 'cases.close',
  ReferralsReceive: 'referrals.receive',
  BreakGlass: 'cases.break-glass',
  /** HTCDS CSV and XLSX exports of the organisation's cases. */
  ProtectionExport: 'protection.export',
  ProtectionExportCasePdf: 'protection.export.case-pdf',
  /** The CTDC-style k-anonymised dataset of consented cases. */
  ProtectionExportAnonymised: 'protection.export.anonymised',
  ProtectionTeamsManage: 'protection.teams.manage',
  /** Referral deadlines per service type. */
  ProtectionSettingsManage: 'protection.settings.manage',
  ProtectionStatsRead: 'protection.stats.read',
  RetentionManage: 'protection.retention.manage',
  // Fund module
  FundRecordMoney: 'fund.money.record',
  FundMoneyRead: 'fund.money.read',
  FundProposalDraft: 'fund.proposals.draft',
  FundProposalReview: 'fund.proposals.review',
  FundProposalDecide: 'fund.proposals.decide',
  FundProposalRead: 'fund.proposals.read',
  FundReportSubmit: 'fund.reports.submit',
  FundReportRead: 'fund.reports.read',
  FundDashboardRead: 'fund.dashboard.read',
  FundPublishedRead: 'fund.published.read',
  // Places module (administrative units and boundaries)
  /** Administrative units, their boundaries for maps, the ISO 3166-2 mapping: every signed-in role. */
  PlacesRead: 'places.read',
  /** Import a gazetteer's boundary file (preview, then commit). */
  PlacesImport: 'places.import',
} as const;

export type PermissionName = (typeof Permission)[keyof typeof Permission];

export const ALL_PERMISSIONS: readonly PermissionName[] = Object.values(Permission);

/** A grant: the permission network-wide, or `<permission>:own-org` for the holder's organisation only. */
export type Grant = PermissionName | `${PermissionName}:own-org`;

export type GrantScope = 'network' | 'own-org';

export const OWN_ORG_SUFFIX = ':own-org';

export function parseGrant(grant: string): { permission: PermissionName; scope: GrantScope } | null {
  const scope: GrantScope = grant.endsWith(OWN_ORG_SUFFIX) ? 'own-org' : 'network';
  const permission = (scope === 'own-org' ? grant.slice(0, -OWN_ORG_SUFFIX.length) : grant) as PermissionName;
  return ALL_PERMISSIONS.includes(permission) ? { permission, scope } : null;
}

/** The widest scope a set of grants gives for a permission, or null when it gives none. */
export function grantScope(grants: Iterable<string>, permission: PermissionName): GrantScope | null {
  let best: GrantScope | null = null;
  for (const grant of grants) {
    const parsed = parseGrant(grant);
    if (!parsed || parsed.permission !== permission) continue;
    if (parsed.scope === 'network') return 'network';
    best = 'own-org';
  }
  return best;
}

/**
 * Permissions that open personal protection data, or decide who may open it (teams): a role holding
 * one must use MFA, only roles the access model opens may hold one, and a change to a role holding
 * one waits for a second network admin.
 */
export const PROTECTION_DATA_PERMISSIONS: readonly PermissionName[] = [
  Permission.CasesRead,
  Permission.CasesWrite,
  Permission.CasesReadAssigned,
  Permission.CasesClose,
  Permission.ReferralsReceive,
  Permission.BreakGlass,
  Permission.ProtectionExport,
  Permission.ProtectionExportCasePdf,
  Permission.ProtectionTeamsManage,
];

/** True when any of the grants names a permission that opens personal protection data. */
export function opensProtectionData(grants: Iterable<string>): boolean {
  const list = [...grants];
  return PROTECTION_DATA_PERMISSIONS.some((p) => grantScope(list, p) !== null);
}
