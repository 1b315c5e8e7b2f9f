import { Permission as P, type Grant } from './permissions';

export const ROLE_KEYS = [
  'network_admin',
  'chair',
  'org_admin',
  'focal_point',
  'caseworker',
  'case_supervisor',
  'fund_manager',
  'steering_committee',
  'donor_viewer',
  'auditor',
] as const;

export type RoleKey = (typeof ROLE_KEYS)[number];

/**
 * Roles the access model closes to personal protection data ("✗ never" and "✗"): no change may
 * grant them a permission of PROTECTION_DATA_PERMISSIONS.
 */
export const PROTECTION_CLOSED_ROLES: readonly RoleKey[] = [
  'network_admin',
  'chair',
  'org_admin',
  'focal_point',
  'fund_manager',
  'steering_committee',
  'donor_viewer',
  'auditor',
];

const own = (permission: (typeof P)[keyof typeof P]): Grant => `${permission}:own-org`;

/** Grants every role is given when a network is created; network admins edit them afterwards. */
export const DEFAULT_ROLE_GRANTS: Record<RoleKey, Grant[]> = {
  network_admin: [
    P.UsersManage, P.OrganisationsManage, P.RolesManage, P.NetworkSettingsManage, P.AuditRead, P.MailOutboxRead,
    P.DirectoryRead, P.MembershipApprove, P.MembershipReview, P.GovernanceDocumentsManage, P.WorkingGroupsManage,
    P.MeetingsRead, P.MeetingsManage, P.MeetingsComment, P.SteeringMeetingsManage,
    P.ActionPointsRead, P.ActionPointsManage, P.ActionPointsUpdate,
    P.WorkplanRead, P.WorkplanManage, P.WorkplanEdit, P.NetworkDashboardRead,
    P.ProtectionStatsRead, P.RetentionManage, P.ProtectionSettingsManage, P.ProtectionExportAnonymised,
    P.FundProposalReview, P.FundProposalRead, P.FundDashboardRead, P.FundPublishedRead,
  ],
  chair: [
    P.DirectoryRead, P.MeetingsRead, P.MeetingsComment, P.MinutesApprove, P.ActionPointsRead, P.WorkplanRead,
    P.NetworkDashboardRead, P.ProtectionStatsRead, P.FundProposalRead, P.FundDashboardRead, P.FundPublishedRead,
  ],
  org_admin: [own(P.UsersManage), own(P.AuditRead), P.DirectoryRead, P.ProtectionStatsRead],
  focal_point: [
    P.DirectoryRead, P.MembershipApply, own(P.MeetingsRead), P.MeetingsComment, P.ActionPointsRead,
    own(P.ActionPointsUpdate), P.WorkplanRead, own(P.WorkplanEdit), P.ProtectionStatsRead,
    own(P.FundProposalDraft), own(P.FundProposalRead), own(P.FundReportSubmit), own(P.FundDashboardRead),
    P.FundPublishedRead,
  ],
  // Caseworkers write only the cases they can read: the service checks assignment before any write.
  caseworker: [P.DirectoryRead, own(P.CasesReadAssigned), own(P.CasesWrite), own(P.ReferralsReceive), P.ProtectionStatsRead],
  case_supervisor: [
    // Reading all of the organisation's cases includes the assigned ones (the routes ask for cases.read-assigned).
    P.DirectoryRead, own(P.CasesRead), own(P.CasesReadAssigned), own(P.CasesWrite), own(P.CasesClose), own(P.ReferralsReceive),
    // Break the glass opens another organisation's case in an emergency, so it is network-wide.
    P.BreakGlass, own(P.ProtectionExport), own(P.ProtectionExportCasePdf), own(P.ProtectionExportAnonymised),
    own(P.ProtectionTeamsManage), own(P.AuditRead), P.ProtectionStatsRead,
  ],
  fund_manager: [
    P.DirectoryRead, P.FundRecordMoney, P.FundMoneyRead, P.FundProposalReview, P.FundProposalRead,
    P.FundReportRead, P.FundDashboardRead, P.FundPublishedRead, P.ProtectionStatsRead,
  ],
  steering_committee: [
    P.DirectoryRead, P.MeetingsRead, P.SteeringMeetingsManage, P.FundProposalDecide, P.FundProposalRead,
    P.FundReportRead, P.FundDashboardRead, P.FundPublishedRead, P.ProtectionStatsRead,
  ],
  donor_viewer: [P.DirectoryRead, P.FundPublishedRead, P.ProtectionStatsRead],
  auditor: [
    P.AuditRead, P.DirectoryRead, P.MeetingsRead, P.ActionPointsRead, P.WorkplanRead, P.NetworkDashboardRead,
    P.FundMoneyRead, P.FundProposalRead, P.FundReportRead, P.FundDashboardRead, P.FundPublishedRead,
    P.ProtectionStatsRead,
  ],
};

// ── Places module (issue #11): every role reads the administrative units and their maps; the
// secretariat imports boundary files. Kept in one block, added to the defaults above.
const PLACES_GRANTS: Record<RoleKey, Grant[]> = {
  network_admin: [P.PlacesRead, P.PlacesImport],
  chair: [P.PlacesRead],
  org_admin: [P.PlacesRead],
  focal_point: [P.PlacesRead],
  caseworker: [P.PlacesRead],
  case_supervisor: [P.PlacesRead],
  fund_manager: [P.PlacesRead],
  steering_committee: [P.PlacesRead],
  donor_viewer: [P.PlacesRead],
  auditor: [P.PlacesRead],
};
for (const key of ROLE_KEYS) DEFAULT_ROLE_GRANTS[key].push(...PLACES_GRANTS[key]);
// ── end of the places block

export const ROLE_NAMES: Record<RoleKey, { en: string; ur: string }> = {
  network_admin: { en: 'Network admin (secretariat)', ur: 'نیٹ ورک منتظم (سیکرٹریٹ)' },
  chair: { en: 'Chair', ur: 'چیئر' },
  org_admin: { en: 'Organisation admin', ur: 'ادارہ منتظم' },
  focal_point: { en: 'Member focal point', ur: 'رکن فوکل پرسن' },
  caseworker: { en: 'Caseworker', ur: 'کیس ورکر' },
  case_supervisor: { en: 'Case supervisor', ur: 'کیس سپروائزر' },
  fund_manager: { en: 'Fund manager', ur: 'فنڈ منیجر' },
  steering_committee: { en: 'Steering committee member', ur: 'اسٹیئرنگ کمیٹی رکن' },
  donor_viewer: { en: 'Donor viewer', ur: 'عطیہ دہندہ ناظر' },
  auditor: { en: 'Auditor (read-only audit)', ur: 'آڈیٹر (صرف آڈٹ دیکھنا)' },
};
