import { z } from 'zod';
import { ROLE_KEYS } from '../roles';
import { HTCDS_ORG_TYPES, IATI_ORGANISATION_ID, ORGANISATION_TYPES, PK_SUBDIVISIONS, SERVICE_TYPES } from '../organisations';
import { Email, Language, PageQuery, Version } from './http';

export const PASSWORD_RULE = z.string().min(12, 'Use at least 12 characters.').max(200);

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
  network: z.string().trim().max(20).optional().describe('Network code, when one e-mail has accounts in several networks'),
});

export const MfaCodeBody = z.strictObject({ code: z.string().trim().min(6).max(20) });

export const SessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  language: Language,
  organisation: z.object({ id: z.uuid(), nameEn: z.string(), nameUr: z.string() }),
  network: z.object({ id: z.uuid(), code: z.string(), nameEn: z.string(), nameUr: z.string() }),
  roles: z.array(z.string()),
  grants: z.array(z.string()),
  mfaEnabled: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionState = z.object({
  state: z.enum(['anonymous', 'mfa_pending', 'mfa_enrolment', 'active']),
  csrfToken: z.string(),
  user: SessionUser.nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const MfaEnrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const PasswordChangeBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: PASSWORD_RULE });
export const PasswordResetRequestBody = z.strictObject({ email: Email });
export const TokenPasswordBody = z.strictObject({ token: z.string().min(20).max(200), password: PASSWORD_RULE });
export const ProfileUpdateBody = z.strictObject({ displayName: z.string().trim().min(1).max(120).optional(), language: Language.optional() });

export const OrganisationInput = z.strictObject({
  nameEn: z.string().trim().min(2).max(200),
  nameUr: z.string().trim().min(2).max(200),
  acronym: z.string().trim().max(20).nullable().optional(),
  type: z.enum(ORGANISATION_TYPES),
  htcdsOrgType: z.enum(HTCDS_ORG_TYPES),
  province: z.enum(PK_SUBDIVISIONS).nullable().optional(),
  services: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length).default([]),
  iatiOrganisationId: z
    .string()
    .trim()
    .regex(IATI_ORGANISATION_ID)
    .nullable()
    .optional()
    .describe('IATI organisation identifier: registration agency prefix + id, e.g. XM-DAC-47066'),
  publishesToIati: z.boolean().default(false).describe('The organisation publishes to IATI: its non-fund activities can be exported as IATI 2.03 XML'),
});
export const OrganisationUpdate = OrganisationInput.extend({ version: Version });
export const Organisation = z.object({
  id: z.uuid(),
  nameEn: z.string(),
  nameUr: z.string(),
  acronym: z.string().nullable(),
  type: z.string(),
  htcdsOrgType: z.string(),
  province: z.string().nullable(),
  services: z.array(z.string()),
  iatiOrganisationId: z.string().nullable(),
  publishesToIati: z.boolean(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type Organisation = z.infer<typeof Organisation>;

export const InvitationBody = z.strictObject({
  email: Email,
  displayName: z.string().trim().min(1).max(120),
  organisationId: z.uuid(),
  roles: z.array(z.enum(ROLE_KEYS)).min(1).max(ROLE_KEYS.length),
  language: Language.default('en'),
});

export const UserSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  status: z.enum(['invited', 'active', 'disabled']),
  roles: z.array(z.string()),
  mfaEnabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserUpdateBody = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  roles: z.array(z.enum(ROLE_KEYS)).min(1).max(ROLE_KEYS.length).optional(),
  unlock: z.boolean().optional(),
  version: Version,
});

export const Role = z.object({
  id: z.uuid(),
  key: z.string(),
  nameEn: z.string(),
  nameUr: z.string(),
  grants: z.array(z.string()),
  mfaRequired: z.boolean(),
  mfaEnforced: z.boolean().describe('True when the role opens protection data: MFA is then required whatever mfaRequired says'),
  version: z.number().int(),
});
export const RoleUpdateBody = z.strictObject({
  grants: z.array(z.string().max(80)).max(200),
  mfaRequired: z.boolean(),
  version: Version,
});

/** Roles an organisation admin may give, and only within their own organisation. */
export const ORG_ADMIN_ASSIGNABLE_ROLES = ['focal_point', 'caseworker', 'case_supervisor', 'org_admin'] as const;

const SearchText = z.string().trim().min(1).max(100);

export const UserListQuery = PageQuery.extend({
  search: SearchText.optional().describe('Part of the name or e-mail'),
  organisationId: z.uuid().optional(),
});

export const OrganisationListQuery = PageQuery.extend({
  search: SearchText.optional().describe('Part of the English or Urdu name, or the acronym'),
  type: z.enum(ORGANISATION_TYPES).optional(),
});

export const RoleList = z.array(Role);

/** A change to a role that opens protection data: it waits for a second network admin. */
export const RoleChangeRequest = z.object({
  id: z.uuid(),
  roleId: z.uuid(),
  roleKey: z.string(),
  roleNameEn: z.string(),
  roleNameUr: z.string(),
  currentGrants: z.array(z.string()),
  grants: z.array(z.string()),
  mfaRequired: z.boolean(),
  proposedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  proposedAt: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  version: z.number().int(),
});
export type RoleChangeRequest = z.infer<typeof RoleChangeRequest>;
export const RoleChangeRequestList = z.array(RoleChangeRequest);
export const RoleChangeDecisionBody = z.strictObject({ version: Version });
export const PermissionList = z.object({ permissions: z.array(z.string()) });

export const MailOutboxItem = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  status: z.enum(['held', 'pending', 'sent', 'failed']),
  createdAt: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
});
export type MailOutboxItem = z.infer<typeof MailOutboxItem>;

export const MailAttachmentParams = z.strictObject({ id: z.uuid(), index: z.coerce.number().int().min(0).max(100) });

export const NetworkSettingsView = z.object({
  caseRetentionYears: z.number().int(),
  version: z.number().int(),
});
export const NetworkSettingsUpdate = z.strictObject({
  caseRetentionYears: z.number().int().min(1, 'Keep closed cases at least 1 year.').max(100),
  version: Version.optional(),
});
