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

/**
 * An IATI organisation identifier: the registration agency's prefix (country or XM/XI, then the
 * agency: XM-DAC, GB-CHC…) and the organisation's id there, e.g. XM-DAC-47066 (IOM). IATI
 * identifiers may not contain spaces or / & | ?.
 */
export const IATI_ORGANISATION_ID = /^[A-Z]{2}-[A-Z0-9]+-[^\s/&|?]+$/;

/** ISO 3166-2:PK codes of Pakistan's provinces and territories. */
export const PK_SUBDIVISIONS = pakistan.subdivisions.map((s) => s.iso) as [string, ...string[]];
