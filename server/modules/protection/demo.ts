import type { NetworkCipher } from '../../platform/crypto';
import { scoped, type Scoped } from '../../platform/database/tenant';
import type { DemoContext } from '../../seed/demo';
import { caseReference } from './service';
import { fullName, identityIndex, nameIndex, sealedDisplayName } from './search';
import { statFacts } from './stats';
import type { ReferralStatus, StatFact } from './tables';

/** A small seeded generator, so every demo start produces the same fictional people. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

// Common Pakistani name forms with the spelling variants that record linkage has to reconcile.
const MALE = [['Muhammad', 'Mohammad', 'Muhammed', 'Mohammed'], ['Ali', 'Aly'], ['Ahmed', 'Ahmad'], ['Hassan', 'Hasan'], ['Hussain', 'Husain', 'Hussein'], ['Usman', 'Osman'], ['Bilal'], ['Asif', 'Aasif'], ['Tariq', 'Tarik'], ['Zubair', 'Zubayr'], ['Waqas'], ['Shahid', 'Shahed'], ['Khalid', 'Khaled'], ['Faisal', 'Faysal'], ['Naveed', 'Navid'], ['Irfan'], ['Sajid'], ['Yasir', 'Yaser']];
const FEMALE = [['Fatima', 'Fatimah'], ['Ayesha', 'Aisha', 'Aysha'], ['Zainab', 'Zaynab'], ['Maryam', 'Mariam'], ['Khadija', 'Khadeeja'], ['Sana'], ['Rabia', 'Rabiya'], ['Nasreen', 'Nasrin'], ['Shazia'], ['Bushra'], ['Samina', 'Sameena'], ['Parveen', 'Perveen'], ['Kausar', 'Kauser'], ['Rukhsana']];
const FAMILY = [['Khan'], ['Butt', 'Bhatti'], ['Malik'], ['Qureshi', 'Qureshy'], ['Chaudhry', 'Chaudhary', 'Choudhry'], ['Shah'], ['Baloch', 'Baluch'], ['Memon'], ['Soomro'], ['Jatoi'], ['Awan'], ['Rajput'], ['Siddiqui', 'Siddiqi'], ['Iqbal'], ['Akhtar', 'Akhter'], ['Abbasi'], ['Mughal'], ['Gondal']];

interface Route {
  stops: Array<{ type: 'Recruitment' | 'Transit' | 'Exploitation'; country: string; city: string }>;
  exploitation: string[];
  industry: string | null;
  control: string[];
  migration: string;
  female?: boolean;
}

const ROUTES: Route[] = [
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Gujranwala' }, { type: 'Transit', country: 'IR', city: 'Zahedan' }, { type: 'Transit', country: 'TR', city: 'Van' }, { type: 'Exploitation', country: 'GR', city: 'Manolada' }], exploitation: ['ForcedLabour'], industry: 'A_AgricultureForestryAndFishing', control: ['DebtBondage', 'WithholdsDocuments', 'ThreatsLawEnforcement'], migration: 'deportee' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Mandi Bahauddin' }, { type: 'Transit', country: 'IR', city: 'Tehran' }, { type: 'Exploitation', country: 'TR', city: 'Istanbul' }], exploitation: ['ForcedLabour'], industry: 'C_Manufacturing', control: ['TakesEarnings', 'ExcessiveWorkingHours'], migration: 'irregular_migrant' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Peshawar' }, { type: 'Exploitation', country: 'AE', city: 'Dubai' }], exploitation: ['ForcedLabour'], industry: 'F_Construction', control: ['WithholdsDocuments', 'FalsePromises', 'TakesEarnings'], migration: 'returnee' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Faisalabad' }, { type: 'Exploitation', country: 'SA', city: 'Riyadh' }], exploitation: ['Servitude', 'ForcedLabour'], industry: 'T_ActivitiesOfHouseholdsAsEmployers', control: ['WithholdsDocuments', 'PhysicalAbuse', 'RestrictsFinancialAccess'], migration: 'returnee', female: true },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Sialkot' }, { type: 'Transit', country: 'AE', city: 'Dubai' }, { type: 'Transit', country: 'EG', city: 'Cairo' }, { type: 'Exploitation', country: 'LY', city: 'Benghazi' }, { type: 'Transit', country: 'IT', city: 'Lampedusa' }], exploitation: ['ForcedLabour'], industry: 'F_Construction', control: ['PhysicalThreats', 'DebtBondage', 'PhysicalAbuse'], migration: 'stranded' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Lahore' }, { type: 'Exploitation', country: 'CN', city: 'Shandong' }], exploitation: ['ForcedMarriage', 'SexualExploitation'], industry: null, control: ['FalsePromises', 'PsychologicalAbuse', 'SexualAbuse'], migration: 'returnee', female: true },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Rahim Yar Khan' }, { type: 'Exploitation', country: 'PK', city: 'Kasur' }], exploitation: ['ForcedLabour', 'ChildLabour'], industry: 'C_Manufacturing', control: ['DebtBondage', 'ThreatensChildrenFamily'], migration: 'prospective_migrant' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Karachi' }, { type: 'Exploitation', country: 'OM', city: 'Muscat' }], exploitation: ['ForcedLabour'], industry: 'H_TransportationAndStorage', control: ['WithholdsDocuments', 'ExcessiveWorkingHours'], migration: 'returnee' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Quetta' }, { type: 'Transit', country: 'IR', city: 'Mashhad' }, { type: 'Exploitation', country: 'IR', city: 'Tehran' }], exploitation: ['ForcedLabour'], industry: 'F_Construction', control: ['ThreatsLawEnforcement', 'TakesEarnings'], migration: 'deportee' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Hyderabad' }, { type: 'Exploitation', country: 'PK', city: 'Karachi' }], exploitation: ['SexualExploitation'], industry: null, control: ['PsychoactiveSubstance', 'PhysicalThreats'], migration: 'prospective_migrant', female: true },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Mirpur' }, { type: 'Transit', country: 'AE', city: 'Sharjah' }, { type: 'Exploitation', country: 'MY', city: 'Kuala Lumpur' }], exploitation: ['ForcedLabour'], industry: 'I_AccommodationAndFoodServiceActivities', control: ['DebtBondage', 'WithholdsDocuments'], migration: 'asylum_seeker' },
  { stops: [{ type: 'Recruitment', country: 'PK', city: 'Dera Ghazi Khan' }, { type: 'Exploitation', country: 'QA', city: 'Doha' }], exploitation: ['ForcedLabour'], industry: 'F_Construction', control: ['FalsePromises', 'TakesEarnings'], migration: 'returnee' },
];

const PROVINCES_BY_ORG: Record<string, string[]> = { cso1: ['PK-PB', 'PK-PB', 'PK-IS'], cso3: ['PK-SD', 'PK-SD', 'PK-BA'], iom: ['PK-IS', 'PK-KP', 'PK-PB', 'PK-BA'], fia: ['PK-PB', 'PK-KP', 'PK-SD', 'PK-GB'] };
const CASE_COUNTS: Record<string, number> = { cso1: 70, cso3: 55, iom: 45, fia: 30 };
const NOTES = [
  'First meeting at the help desk. Tired but willing to talk; asked that the family not be contacted yet.',
  'Medical check arranged. Follow up on the documents held by the employer.',
  'Called the family with consent; they confirm the recruiter took the passport.',
  'Discussed return options and what reintegration support could look like.',
  'Shelter stay extended by two weeks; psychosocial sessions twice a week.',
];

function cnic(r: ReturnType<typeof random>, province: string): string {
  const first = { 'PK-PB': '3', 'PK-SD': '4', 'PK-KP': '1', 'PK-BA': '5', 'PK-IS': '6', 'PK-GB': '7', 'PK-JK': '8' }[province] ?? '3';
  const digits = first + Array.from({ length: 12 }, () => r.int(0, 9)).join('');
  return `${digits.slice(0, 5)}-${digits.slice(5, 12)}-${digits.slice(12)}`;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** About 200 fictional cases across the case-handling demo organisations, with referrals in every state. */
export async function seedProtectionDemo(demo: DemoContext): Promise<void> {
  const { db, networkId } = demo;
  const orgs = demo.organisations;
  const users = demo.users;
  const r = random(20250611);
  const cipher = await demo.services.keys.forNetwork(db, networkId);
  const acronyms = Object.fromEntries(
    (await scoped(db, networkId).selectFrom('organisations').select(['id', 'acronym']).execute()).map((o) => [o.id, o.acronym ?? 'CASE']),
  );
  await db.transaction().execute(async (trx) => {
    const q = scoped(trx, networkId);
    const team = await q.insertInto('protection_teams', { organisation_id: orgs.cso1, name: 'Lahore outreach team' }).returning('id').executeTakeFirstOrThrow();
    await q.insertInto('protection_team_members', { team_id: team.id, user_id: users['caseworker@demo.hamsafar.pk'] }).execute();
    const staff: Record<string, { caseworker: string | null; supervisor: string | null }> = {
      cso1: { caseworker: users['caseworker@demo.hamsafar.pk'], supervisor: users['supervisor@demo.hamsafar.pk'] },
      cso3: { caseworker: users['caseworker.shelter@demo.hamsafar.pk'], supervisor: users['supervisor.shelter@demo.hamsafar.pk'] },
      iom: { caseworker: null, supervisor: null },
      fia: { caseworker: null, supervisor: null },
    };
    const recorder = users['supervisor@demo.hamsafar.pk'];

    const persons: Record<string, unknown>[] = [];
    const cases: Record<string, unknown>[] = [];
    const consents: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const notes: Record<string, unknown>[] = [];
    const facts: StatFact[] = [];
    const caseMeta: DemoCase[] = [];
    // People registered twice, in two organisations, under spelling variants: material for the linkage work.
    const earlier: Array<{ first: string[]; family: string[]; guardian: string; cnic: string; birthYear: number; female: boolean }> = [];

    for (const [orgKey, count] of Object.entries(CASE_COUNTS)) {
      for (let i = 0; i < count; i++) {
        const route = r.pick(ROUTES);
        const female = route.female ?? r.chance(0.25);
        const province = r.pick(PROVINCES_BY_ORG[orgKey]);
        const sameGender = earlier.filter((e) => e.female === female);
        const repeat = sameGender.length > 5 && r.chance(0.08) ? r.pick(sameGender) : null;
        const firstForms = repeat?.first ?? r.pick(female ? FEMALE : MALE);
        const familyForms = repeat?.family ?? r.pick(FAMILY);
        const firstName = r.pick(firstForms);
        const secondName = r.pick(familyForms);
        const guardian = repeat?.guardian ?? `${r.pick(r.pick(MALE))} ${r.pick(r.pick(FAMILY))}`;
        const birthYear = repeat?.birthYear ?? r.int(route.exploitation.includes('ChildLabour') ? 2008 : 1970, 2006);
        const identity = repeat ? (r.chance(0.6) ? repeat.cnic : null) : r.chance(0.75) ? cnic(r, province) : null;
        if (!repeat && identity) earlier.push({ first: firstForms, family: familyForms, guardian, cnic: identity, birthYear, female });
        const daysAgo = r.int(5, 720);
        const registeredOn = isoDay(new Date(Date.now() - daysAgo * 86_400_000));
        const personId = crypto.randomUUID();
        const caseId = crypto.randomUUID();
        const exactBirth = r.chance(0.4) ? `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : null;
        persons.push({
          id: personId,
          owner_organisation_id: orgs[orgKey],
          first_name_enc: cipher.encrypt(firstName),
          middle_name_enc: null,
          second_name_enc: cipher.encrypt(secondName),
          display_name_enc: sealedDisplayName(cipher, firstName, secondName),
          guardian_name_enc: cipher.encrypt(guardian),
          guardian_relation: female && r.chance(0.4) ? 'husband' : 'father',
          identity_number_enc: cipher.encrypt(identity),
          birth_date_enc: cipher.encrypt(exactBirth),
          phone_enc: r.chance(0.6) ? cipher.encrypt(`+92 3${r.int(0, 4)}${r.int(0, 9)} ${r.int(1000000, 9999999)}`) : null,
          email_enc: null,
          address_enc: r.chance(0.5) ? cipher.encrypt(JSON.stringify({ city: route.stops[0].city, state: province, country: 'PK' })) : null,
          identity_index: identityIndex(cipher, identity),
          name_index: nameIndex(cipher, fullName([firstName, secondName])),
          birth_year: birthYear,
          age_estimated: exactBirth === null,
          gender: female ? 'Feminine' : 'Masculine',
          marital_status: r.pick(['Single', 'Married', 'Married', 'Widowed']),
          primary_language: r.pick(['ur', 'pa', 'sd', 'ps', 'bal']),
          secondary_language: r.chance(0.5) ? 'ur' : null,
          citizenship: ['PK'],
          migration_status: route.migration,
          trafficking_status: r.pick(['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'ActualVictimOfTrafficking']),
          trafficking_status_decided_by: orgKey === 'fia' ? 'Police' : 'NGO',
          exploitation_types: route.exploitation,
          forced_labour_industry: route.industry,
          methods_of_control: route.control,
          recruitment_methods: [r.pick(['ThroughFriendsOrSocialEvents', 'ThroughFamilyOrFamilyEvents', 'ThroughOnlineSocialNetworks', 'AtWork'])],
          relationship_to_trafficker: r.pick(['Acquainted', 'Familial', 'Unaquainted']),
          age_when_trafficked: Number(registeredOn.slice(0, 4)) - birthYear - r.int(0, 2),
          vulnerabilities: [r.pick(['Poverty', 'Education', 'Migration', 'WorkEnvironment'])],
          perpetrator_roles: ['RecruiterOrIntermediary', ...(route.stops.length > 2 ? ['Smuggler'] : []), 'Exploiter'],
          perpetrator_details_enc: cipher.encrypt('A local sub-agent arranged the visa and travel; an employer abroad held the documents.'),
          updated_at: new Date(),
        });
        const closed = daysAgo > 300 && r.chance(0.5);
        const stage = closed ? 'closed' : r.pick(['registered', 'screened', 'assessment', 'support_plan', 'services', 'follow_up'] as const);
        const statisticsConsent = r.chance(0.85);
        const caseworker = staff[orgKey].caseworker;
        const ownedByCaseworker = caseworker !== null && r.chance(0.5);
        cases.push({
          id: caseId,
          reference: caseReference(acronyms[orgs[orgKey]], registeredOn),
          person_id: personId,
          owner_organisation_id: orgs[orgKey],
          case_owner_user_id: ownedByCaseworker ? caseworker : staff[orgKey].supervisor,
          team_id: orgKey === 'cso1' && !ownedByCaseworker && r.chance(0.4) ? team.id : null,
          status: closed ? r.pick(['Closed', 'ClosedReferred']) : stage === 'follow_up' ? 'FollowUp' : 'Active',
          stage,
          risk_level: r.pick(['low', 'medium', 'medium', 'high', 'critical']),
          province,
          registered_on: registeredOn,
          screening: stage === 'registered' ? null : JSON.stringify({ indicators: ['deception', 'retention_of_documents', 'withholding_of_wages'].slice(0, r.int(1, 3)), outcome: 'likely_victim', screenedOn: registeredOn, screenedBy: recorder }),
          assessment: ['registered', 'screened'].includes(stage) ? null : JSON.stringify({ needs: ['shelter', 'psychosocial', 'return_reintegration'].slice(0, r.int(1, 3)), priority: 'high', assessedOn: registeredOn, assessedBy: recorder }),
          closed_at: closed ? new Date(Date.now() - r.int(1, 200) * 86_400_000) : null,
          closed_by: closed ? staff[orgKey].supervisor : null,
          stats_facts: '[]',
          updated_at: new Date(),
        });
        const caseFacts = statFacts({ consented: statisticsConsent, registeredOn, province, gender: female ? 'Feminine' : 'Masculine', birthYear, exploitationTypes: route.exploitation });
        facts.push(...caseFacts);
        (cases[cases.length - 1] as { stats_facts: string }).stats_facts = JSON.stringify(caseFacts);
        consents.push({ case_id: caseId, purpose: 'services', organisation_id: null, shared_fields: [], given_on: registeredOn, recorded_by: recorder });
        if (statisticsConsent) consents.push({ case_id: caseId, purpose: 'statistics', organisation_id: null, shared_fields: [], given_on: registeredOn, recorded_by: recorder });
        const sharingAnyOrg = r.chance(0.6);
        if (sharingAnyOrg) {
          consents.push({ case_id: caseId, purpose: 'sharing', organisation_id: null, shared_fields: ['name', 'gender', 'age', 'citizenship', 'languages', 'needs', 'risk', 'journey', 'contacts'], given_on: registeredOn, recorded_by: recorder });
        }
        route.stops.forEach((stop, n) => {
          events.push({
            case_id: caseId,
            type: stop.type,
            country: stop.country,
            city: stop.city,
            event_date: isoDay(new Date(Date.parse(registeredOn) - (route.stops.length - n) * r.int(20, 120) * 86_400_000)),
            description_enc: cipher.encrypt(n === 0 ? 'Offered a job abroad by an acquaintance of the family.' : `Stayed about ${r.int(1, 8)} weeks.`),
          });
        });
        for (let k = 0; k < r.int(1, 2); k++) notes.push({ case_id: caseId, author_user_id: caseworker ?? recorder, body_enc: cipher.encrypt(r.pick(NOTES)) });
        caseMeta.push({
          id: caseId,
          orgKey,
          sharingAnyOrg,
          snapshot: { gender: female ? 'Feminine' : 'Masculine', age: { birthYear, estimated: exactBirth === null }, citizenship: ['PK'], risk: (cases[cases.length - 1] as { risk_level: string }).risk_level },
        });
      }
    }

    await insertInChunks(q, 'protection_persons', persons);
    await insertInChunks(q, 'protection_cases', cases);
    await insertInChunks(q, 'protection_consents', consents);
    await insertInChunks(q, 'protection_journey_events', events);
    await insertInChunks(q, 'protection_case_notes', notes);
    await insertStatCounts(q, facts);
    const caseCounts = new Map<string, { organisation_id: string; status: string; cases: number }>();
    for (const c of cases as Array<{ owner_organisation_id: string; status: string }>) {
      const key = `${c.owner_organisation_id}|${c.status}`;
      const cell = caseCounts.get(key) ?? { organisation_id: c.owner_organisation_id, status: c.status, cases: 0 };
      cell.cases++;
      caseCounts.set(key, cell);
    }
    await insertInChunks(q, 'protection_case_counts', [...caseCounts.values()]);
    await insertInChunks(q, 'protection_referrals', demoReferrals(r, cipher, caseMeta, orgs, staff));
  });
}

const REFERRAL_PLAN: Array<{ from: string; to: string; service: string; status: ReferralStatus; overdue?: boolean; urgent?: boolean }> = [
  { from: 'cso1', to: 'cso3', service: 'shelter', status: 'sent' },
  { from: 'cso1', to: 'cso3', service: 'shelter', status: 'sent', overdue: true, urgent: true },
  { from: 'cso1', to: 'iom', service: 'return_reintegration', status: 'sent', overdue: true },
  { from: 'cso1', to: 'iom', service: 'return_reintegration', status: 'accepted' },
  { from: 'cso1', to: 'cso2', service: 'legal_aid', status: 'declined' },
  { from: 'cso1', to: 'cso3', service: 'medical', status: 'in_progress' },
  { from: 'cso1', to: 'iom', service: 'family_tracing', status: 'completed' },
  { from: 'cso1', to: 'cso2', service: 'documentation', status: 'withdrawn' },
  { from: 'cso3', to: 'cso1', service: 'psychosocial', status: 'sent' },
  { from: 'cso3', to: 'cso1', service: 'psychosocial', status: 'sent', overdue: true },
  { from: 'cso3', to: 'iom', service: 'livelihood', status: 'accepted' },
  { from: 'cso3', to: 'cso1', service: 'medical', status: 'completed' },
  { from: 'cso3', to: 'fia', service: 'investigation', status: 'in_progress' },
  { from: 'cso3', to: 'cso2', service: 'legal_aid', status: 'declined' },
  { from: 'fia', to: 'cso1', service: 'shelter', status: 'sent' },
  { from: 'fia', to: 'cso3', service: 'shelter', status: 'accepted' },
  { from: 'fia', to: 'cso1', service: 'psychosocial', status: 'completed' },
  { from: 'iom', to: 'cso3', service: 'shelter', status: 'in_progress' },
  { from: 'iom', to: 'cso1', service: 'medical', status: 'sent', overdue: true },
  { from: 'iom', to: 'cso2', service: 'legal_aid', status: 'withdrawn' },
];

interface DemoCase {
  id: string;
  orgKey: string;
  sharingAnyOrg: boolean;
  /** The non-identifying fields its demo referrals share. */
  snapshot: Record<string, unknown>;
}

function demoReferrals(
  r: ReturnType<typeof random>,
  cipher: NetworkCipher,
  cases: DemoCase[],
  orgs: Record<string, string>,
  staff: Record<string, { caseworker: string | null; supervisor: string | null }>,
) {
  const used = new Set<string>();
  return REFERRAL_PLAN.flatMap((plan) => {
    const c = cases.find((x) => x.orgKey === plan.from && x.sharingAnyOrg && !used.has(x.id));
    if (!c) return [];
    used.add(c.id);
    const hoursAgo = plan.overdue ? r.int(80, 200) : plan.status === 'sent' ? r.int(1, 12) : r.int(100, 2000);
    const sentAt = new Date(Date.now() - hoursAgo * 3_600_000);
    const dueAt = new Date(sentAt.getTime() + (plan.urgent ? 24 : 72) * 3_600_000);
    const answered = plan.status !== 'sent' && plan.status !== 'withdrawn';
    const shared = { ...c.snapshot, needs: { needs: [plan.service], priority: 'high' } };
    return [{
      case_id: c.id,
      consent_id: null,
      sender_organisation_id: orgs[plan.from],
      sender_user_id: staff[plan.from]?.caseworker ?? staff.cso1.supervisor!,
      receiving_organisation_id: orgs[plan.to],
      service_type: plan.service,
      urgent: plan.urgent ?? false,
      status: plan.status,
      shared_fields: ['gender', 'age', 'citizenship', 'risk', 'needs'],
      shared_snapshot_enc: plan.status === 'declined' || plan.status === 'withdrawn' ? null : cipher.encrypt(JSON.stringify(shared)),
      message_enc: cipher.encrypt(`Please take on ${plan.service.replace('_', ' ')} for this person.`),
      decline_reason_enc: plan.status === 'declined' ? cipher.encrypt('No capacity this month; please try the provincial office.') : null,
      feedback_enc: plan.status === 'completed' ? cipher.encrypt('Service delivered; the person is back with the family and attends follow-up.') : null,
      sent_at: sentAt,
      due_at: dueAt,
      responded_at: answered ? new Date(sentAt.getTime() + 20 * 3_600_000) : null,
      completed_at: plan.status === 'completed' ? new Date(sentAt.getTime() + 90 * 3_600_000) : null,
    }];
  });
}

async function insertInChunks(q: Scoped, table: Parameters<Scoped['insertInto']>[0], rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 200) {
    if (rows.slice(i, i + 200).length) await q.insertInto(table, rows.slice(i, i + 200) as never).execute();
  }
}

async function insertStatCounts(q: Scoped, facts: StatFact[]) {
  const counts = new Map<string, { fact: StatFact; n: number }>();
  for (const f of facts) {
    const key = [f.month, f.province, f.gender, f.ageBand, f.exploitationType].join('|');
    counts.set(key, { fact: f, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  await insertInChunks(
    q,
    'protection_stat_counts',
    [...counts.values()].map(({ fact, n }) => ({ month: fact.month, province: fact.province, gender: fact.gender, age_band: fact.ageBand, exploitation_type: fact.exploitationType, cases: n })),
  );
}
