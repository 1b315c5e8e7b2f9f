import type { RoleKey } from '../../common/roles';
import { hashPassword } from '../platform/auth/passwords';
import type { Services } from '../platform/context';
import { scoped, type Executor } from '../platform/database/tenant';
import { moduleDemoSeeds } from '../modules';
import { createNetwork } from './networks';

export const DEMO_NETWORK_CODE = 'PAK';
/** Printed at first start; demo accounts exist only where DEMO_DATA is on. */
export const DEMO_PASSWORD = 'Hamsafar-demo-2025';

interface DemoOrganisation {
  key: string;
  nameEn: string;
  nameUr: string;
  acronym: string;
  type: string;
  htcdsOrgType: string;
  province: string | null;
  services: string[];
  /** Given for the members that publish to IATI: their real IATI organisation identifiers. */
  iatiOrganisationId?: string;
  isDemo?: boolean;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'rco', nameEn: 'Office of the UN Resident Coordinator in Pakistan', nameUr: 'پاکستان میں اقوام متحدہ کے ریزیڈنٹ کوآرڈینیٹر کا دفتر', acronym: 'UNRCO', type: 'un_entity', htcdsOrgType: 'NGO', province: 'PK-IS', services: [] },
  { key: 'iom', nameEn: 'International Organization for Migration', nameUr: 'بین الاقوامی تنظیم برائے مہاجرت', acronym: 'IOM', type: 'un_entity', htcdsOrgType: 'NGO', province: 'PK-IS', services: ['return_reintegration', 'family_tracing', 'documentation', 'psychosocial', 'livelihood'], iatiOrganisationId: 'XM-DAC-47066' },
  { key: 'unodc', nameEn: 'United Nations Office on Drugs and Crime', nameUr: 'اقوام متحدہ کا دفتر برائے منشیات و جرائم', acronym: 'UNODC', type: 'un_entity', htcdsOrgType: 'NGO', province: 'PK-IS', services: ['legal_aid'] },
  { key: 'ilo', nameEn: 'International Labour Organization', nameUr: 'بین الاقوامی ادارہ محنت', acronym: 'ILO', type: 'un_entity', htcdsOrgType: 'NGO', province: 'PK-IS', services: ['livelihood'], iatiOrganisationId: 'XM-DAC-41302' },
  { key: 'unhcr', nameEn: 'UN Refugee Agency', nameUr: 'اقوام متحدہ کا ادارہ برائے پناہ گزین', acronym: 'UNHCR', type: 'un_entity', htcdsOrgType: 'NGO', province: 'PK-IS', services: ['legal_aid', 'documentation'] },
  { key: 'unicef', nameEn: 'United Nations Children\'s Fund', nameUr: 'اقوام متحدہ کا ادارہ برائے اطفال', acronym: 'UNICEF', type: 'un_entity', htcdsOrgType: 'NGO', province: 'PK-IS', services: ['psychosocial', 'family_tracing'] },
  { key: 'unwomen', nameEn: 'UN Women', nameUr: 'یو این ویمن', acronym: 'UN Women', type: 'un_entity', htcdsOrgType: 'NGO', province: 'PK-IS', services: ['psychosocial'] },
  { key: 'mofa', nameEn: 'Ministry of Foreign Affairs', nameUr: 'وزارت خارجہ', acronym: 'MOFA', type: 'government', htcdsOrgType: 'CentralGovernmentOrganisation', province: 'PK-IS', services: ['documentation'] },
  { key: 'moi', nameEn: 'Ministry of Interior', nameUr: 'وزارت داخلہ', acronym: 'MOI', type: 'government', htcdsOrgType: 'CentralGovernmentOrganisation', province: 'PK-IS', services: [] },
  { key: 'mopohrd', nameEn: 'Ministry of Overseas Pakistanis and Human Resource Development', nameUr: 'وزارت سمندر پار پاکستانی و ترقی انسانی وسائل', acronym: 'MOPHRD', type: 'government', htcdsOrgType: 'CentralGovernmentOrganisation', province: 'PK-IS', services: ['livelihood'] },
  { key: 'fia', nameEn: 'Federal Investigation Agency', nameUr: 'وفاقی تحقیقاتی ادارہ', acronym: 'FIA', type: 'government', htcdsOrgType: 'LawEnforcement', province: 'PK-IS', services: ['investigation'] },
  { key: 'beoe', nameEn: 'Bureau of Emigration and Overseas Employment', nameUr: 'بیورو آف امیگریشن اینڈ اوورسیز ایمپلائمنٹ', acronym: 'BE&OE', type: 'government', htcdsOrgType: 'CentralGovernmentOrganisation', province: 'PK-IS', services: ['documentation'] },
  { key: 'nchr', nameEn: 'National Commission for Human Rights', nameUr: 'قومی کمیشن برائے انسانی حقوق', acronym: 'NCHR', type: 'government', htcdsOrgType: 'CentralGovernmentOrganisation', province: 'PK-IS', services: ['legal_aid'] },
  { key: 'cso1', nameEn: 'Roshan Rasta Welfare Society (demo)', nameUr: 'روشن راستہ ویلفیئر سوسائٹی (نمونہ)', acronym: 'RRWS', type: 'civil_society', htcdsOrgType: 'NGO', province: 'PK-PB', services: ['shelter', 'psychosocial', 'medical'], isDemo: true },
  { key: 'cso2', nameEn: 'Safe Passage Legal Aid Forum (demo)', nameUr: 'محفوظ سفر قانونی امداد فورم (نمونہ)', acronym: 'SPLAF', type: 'civil_society', htcdsOrgType: 'LegalService', province: 'PK-KP', services: ['legal_aid', 'documentation'], isDemo: true },
  { key: 'cso3', nameEn: 'Sahara Women and Child Shelter (demo)', nameUr: 'سہارا خواتین و اطفال پناہ گاہ (نمونہ)', acronym: 'SWCS', type: 'civil_society', htcdsOrgType: 'NGO', province: 'PK-SD', services: ['shelter', 'medical', 'psychosocial', 'livelihood'], isDemo: true },
];

export interface DemoUser {
  email: string;
  name: string;
  role: RoleKey;
  organisation: string;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.hamsafar.pk', name: 'Ayesha Khan (IOM secretariat)', role: 'network_admin', organisation: 'iom' },
  { email: 'chair@demo.hamsafar.pk', name: 'Resident Coordinator\'s Office', role: 'chair', organisation: 'rco' },
  { email: 'orgadmin@demo.hamsafar.pk', name: 'Bilal Ahmed (Roshan Rasta admin)', role: 'org_admin', organisation: 'cso1' },
  { email: 'focal@demo.hamsafar.pk', name: 'Sana Malik (MOPHRD focal point)', role: 'focal_point', organisation: 'mopohrd' },
  { email: 'focal.iom@demo.hamsafar.pk', name: 'Omar Farooq (IOM focal point)', role: 'focal_point', organisation: 'iom' },
  { email: 'focal.unodc@demo.hamsafar.pk', name: 'Hina Qureshi (UNODC focal point)', role: 'focal_point', organisation: 'unodc' },
  { email: 'caseworker@demo.hamsafar.pk', name: 'Fatima Baloch (caseworker)', role: 'caseworker', organisation: 'cso1' },
  { email: 'supervisor@demo.hamsafar.pk', name: 'Imran Shah (case supervisor)', role: 'case_supervisor', organisation: 'cso1' },
  { email: 'caseworker.shelter@demo.hamsafar.pk', name: 'Zainab Memon (shelter caseworker)', role: 'caseworker', organisation: 'cso3' },
  { email: 'supervisor.shelter@demo.hamsafar.pk', name: 'Nadia Soomro (shelter supervisor)', role: 'case_supervisor', organisation: 'cso3' },
  { email: 'fund@demo.hamsafar.pk', name: 'Kamran Javed (fund manager)', role: 'fund_manager', organisation: 'iom' },
  { email: 'steering@demo.hamsafar.pk', name: 'Steering committee member', role: 'steering_committee', organisation: 'rco' },
  { email: 'donor@demo.hamsafar.pk', name: 'Donor liaison', role: 'donor_viewer', organisation: 'mofa' },
  { email: 'auditor@demo.hamsafar.pk', name: 'Tariq Aziz (auditor)', role: 'auditor', organisation: 'nchr' },
];

export interface DemoContext {
  db: Executor;
  services: Services;
  networkId: string;
  organisations: Record<string, string>;
  users: Record<string, string>;
}

/** Whether the demo network exists already (the seed runs on first start only). */
export async function demoSeeded(db: Executor): Promise<boolean> {
  return (await db.selectFrom('networks').select('id').where('code', '=', DEMO_NETWORK_CODE).executeTakeFirst()) !== undefined;
}

/** The Pakistan UN Network on Migration, its members, one user per role, then each module's demo data. */
export async function seedDemo(db: Executor, services: Services): Promise<DemoContext> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const base = await db.transaction().execute(async (trx) => {
    const networkId = await createNetwork(trx, {
      code: DEMO_NETWORK_CODE,
      nameEn: 'Pakistan UN Network on Migration',
      nameUr: 'پاکستان اقوام متحدہ نیٹ ورک برائے مہاجرت',
    });
    const q = scoped(trx, networkId);
    const organisations: Record<string, string> = {};
    for (const org of DEMO_ORGANISATIONS) {
      const row = await q
        .insertInto('organisations', {
          name_en: org.nameEn,
          name_ur: org.nameUr,
          acronym: org.acronym,
          type: org.type,
          htcds_org_type: org.htcdsOrgType,
          province: org.province,
          services: org.services,
          iati_organisation_id: org.iatiOrganisationId ?? null,
          publishes_to_iati: org.iatiOrganisationId !== undefined,
          is_demo: org.isDemo ?? false,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      organisations[org.key] = row.id;
    }
    const roles = Object.fromEntries((await q.selectFrom('roles').select(['id', 'key']).execute()).map((r) => [r.key, r.id]));
    const users: Record<string, string> = {};
    for (const user of DEMO_USERS) {
      const row = await q
        .insertInto('users', {
          organisation_id: organisations[user.organisation],
          email: user.email,
          display_name: user.name,
          password_hash: passwordHash,
          status: 'active',
          locked_until: null,
          mfa_secret: null,
          mfa_pending_secret: null,
          last_login_at: null,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      users[user.email] = row.id;
      await q.insertInto('user_roles', { user_id: row.id, role_id: roles[user.role] }).execute();
    }
    return { networkId, organisations, users };
  });
  const context: DemoContext = { db, services, ...base };
  for (const seed of moduleDemoSeeds) await seed(context);
  return context;
}
