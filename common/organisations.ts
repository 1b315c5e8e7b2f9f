import pakistan from './reference/pakistan.json';

export const ORGANISATION_TYPES = [
  'government',
  'un_entity',
  'civil_society',
  'international_partner',
  'academia',
  'private_sector',
  'donor',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** HTCDS 2.0 `org_Type` value names. */
export const HTCDS_ORG_TYPES = [
  'NGO',
  'LawEnforcement',
  'HealthServiceOrganisation',
  'CentralGovernmentOrganisation',
  'LocalGovernmentOrganisation',
  'ImmigrationService',
  'LegalService',
  'CorporateBusiness',
  'SchoolOrCollege',
] as const;
export type HtcdsOrgType = (typeof HTCDS_ORG_TYPES)[number];

/** Services an organisation offers; protection referrals are addressed by these. */
export const SERVICE_TYPES = [
  'shelter',
  'medical',
  'psychosocial',
  'legal_aid',
  'return_reintegration',
  'family_tracing',
  'livelihood',
  'documentation',
  'investigation',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** ISO 3166-2:PK codes of Pakistan's provinces and territories. */
export const PK_SUBDIVISIONS = pakistan.subdivisions.map((s) => s.iso) as [string, ...string[]];
