import { randomUUID } from 'node:crypto';
import pakistan from '../../../common/reference/pakistan.json';
import { scoped } from '../../platform/database/tenant';
import type { DemoContext } from '../../seed/demo';
import { formatDecisionNumber } from './meetings.service';
import { pakistanDate } from './time';

/** Deterministic pseudo-random numbers, so every demo start looks the same. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => pakistanDate(new Date(new Date(`${date}T12:00:00+05:00`).getTime() + days * DAY));
/** 10:00 in Pakistan on a date. */
const pktMorning = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+05:00`);

const GROUPS = [
  { key: 'ct', nameEn: 'Counter-trafficking and migrant smuggling', nameUr: 'انسداد انسانی اسمگلنگ و تارکین وطن کی اسمگلنگ', gcm: [9, 10], members: ['unodc', 'iom', 'fia', 'moi', 'nchr', 'cso1', 'cso2'], coChairs: ['focal.unodc@demo.hamsafar.pk'] },
  { key: 'labour', nameEn: 'Labour migration and fair recruitment', nameUr: 'مزدوروں کی ہجرت اور منصفانہ بھرتی', gcm: [6], members: ['ilo', 'mopohrd', 'beoe', 'iom', 'unwomen'], coChairs: ['focal@demo.hamsafar.pk'] },
  { key: 'return', nameEn: 'Return and reintegration', nameUr: 'واپسی اور دوبارہ آبادکاری', gcm: [21], members: ['iom', 'unhcr', 'unicef', 'mofa', 'cso3'], coChairs: ['focal.iom@demo.hamsafar.pk'] },
  { key: 'data', nameEn: 'Migration data', nameUr: 'ہجرت کے اعداد و شمار', gcm: [1], members: ['iom', 'unodc', 'fia', 'beoe', 'nchr'], coChairs: ['focal.iom@demo.hamsafar.pk'] },
];

const TOPICS = [
  { title: 'Referral pathways for victims of trafficking', gcm: [10] },
  { title: 'Pre-departure orientation for overseas workers', gcm: [3, 6] },
  { title: 'Ethical recruitment and licensing of promoters', gcm: [6] },
  { title: 'Joint analysis of smuggling routes', gcm: [9] },
  { title: 'Reintegration support for returnees', gcm: [21] },
  { title: 'Migration data sharing protocol', gcm: [1] },
  { title: 'Screening and referral at the airports', gcm: [12] },
  { title: 'Consular assistance abroad', gcm: [14] },
  { title: 'Vulnerable migrants and protection', gcm: [7] },
];

const ACTIONS = [
  'Circulate the draft standard operating procedures',
  'Map shelters and service providers by province',
  'Share the quarterly figures with the secretariat',
  'Organise a training for FIA circle officers',
  'Prepare a briefing note for the chair',
  'Translate the information leaflet into Urdu',
  'Collect comments from member organisations',
  'Propose indicators for the workplan',
  'Follow up with the Protectorate of Emigrants',
  'Draft the terms of reference of the task team',
];

/**
 * A year of the Pakistan network: launched on 2025-09-01, four working groups, a network meeting
 * each month with approved minutes, decisions, about 80 action points in mixed states (some
 * overdue), and a joint workplan on GCM objectives 1, 3, 6, 7, 9, 10, 12, 14 and 21.
 */
export async function seedNetworkDemo(demo: DemoContext): Promise<void> {
  const rand = random(2025);
  const pick = <T,>(items: T[]) => items[Math.floor(rand() * items.length)];
  const org = demo.organisations;
  const user = demo.users;
  const today = pakistanDate();
  const launch = pakistan.un_network_on_migration.launched;
  const admin = user['admin@demo.hamsafar.pk'];
  const chair = user['chair@demo.hamsafar.pk'];

  await demo.db.transaction().execute(async (trx) => {
    const q = scoped(trx, demo.networkId);

    // Membership: every demo organisation but the Sahara shelter, which has applied.
    const roles: Record<string, 'chair' | 'secretariat' | 'member' | 'observer'> = { rco: 'chair', iom: 'secretariat', unwomen: 'observer' };
    const focal: Record<string, [string | null, string | null]> = {
      rco: [chair, user['steering@demo.hamsafar.pk']],
      iom: [user['focal.iom@demo.hamsafar.pk'], admin],
      unodc: [user['focal.unodc@demo.hamsafar.pk'], null],
      mopohrd: [user['focal@demo.hamsafar.pk'], null],
      mofa: [user['donor@demo.hamsafar.pk'], null],
      nchr: [user['auditor@demo.hamsafar.pk'], null],
      cso1: [user['orgadmin@demo.hamsafar.pk'], null],
    };
    const gcmOf: Record<string, number[]> = {
      iom: [1, 3, 7, 10, 21], unodc: [9, 10], ilo: [6], unhcr: [7, 14], unicef: [7], unwomen: [7], mofa: [14], moi: [9, 10, 11],
      mopohrd: [3, 6], fia: [9, 10, 11], beoe: [6], nchr: [7], cso1: [7, 10], cso2: [10, 21], rco: [],
    };
    const memberKeys = Object.keys(org).filter((k) => k !== 'cso3');
    await q
      .insertInto(
        'network_memberships',
        memberKeys.map((key) => ({
          organisation_id: org[key],
          role: roles[key] ?? 'member',
          sector: null,
          // Civil society joined two months after the launch, once the application round closed.
          joined_on: key.startsWith('cso') ? '2025-11-01' : launch,
          left_on: null,
          focal_point_user_id: focal[key]?.[0] ?? null,
          alternate_user_id: focal[key]?.[1] ?? null,
          gcm_objectives: gcmOf[key] ?? [],
          provinces: key === 'cso1' ? ['PK-PB'] : key === 'cso2' ? ['PK-KP', 'PK-BA'] : ['PK-IS'],
          updated_at: new Date(),
        })),
      )
      .execute();
    await q
      .insertInto('membership_applications', {
        organisation_id: org.cso3,
        requested_role: 'member',
        sector: 'Shelter and protection',
        motivation: 'We run shelters for women and children in Sindh and receive survivors of trafficking referred by the FIA.',
        gcm_objectives: [7, 10],
        provinces: ['PK-SD'],
        focal_point_user_id: user['supervisor.shelter@demo.hamsafar.pk'],
        submitted_by: user['supervisor.shelter@demo.hamsafar.pk'],
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        membership_id: null,
      })
      .execute();

    // Working groups.
    const groupIds: Record<string, string> = {};
    for (const g of GROUPS) groupIds[g.key] = randomUUID();
    await q
      .insertInto(
        'working_groups',
        GROUPS.map((g) => ({ id: groupIds[g.key], name_en: g.nameEn, name_ur: g.nameUr, description: `Thematic working group on ${g.nameEn.toLowerCase()}.`, gcm_objectives: g.gcm, updated_at: new Date() })),
      )
      .execute();
    await q.insertInto('working_group_members', GROUPS.flatMap((g) => g.members.map((m) => ({ working_group_id: groupIds[g.key], organisation_id: org[m] })))).execute();
    await q.insertInto('working_group_co_chairs', GROUPS.flatMap((g) => g.coChairs.map((email) => ({ working_group_id: groupIds[g.key], user_id: user[email] })))).execute();

    // Meetings: the public launch, then a network meeting each month; working groups quarterly.
    type Meeting = { id: string; kind: 'network' | 'working_group' | 'steering_committee'; group: string | null; date: string; title: string; isPublic: boolean };
    const meetingsList: Meeting[] = [{ id: randomUUID(), kind: 'network', group: null, date: launch, title: 'Launch of the Pakistan UN Network on Migration', isPublic: true }];
    for (let month = 1; month <= 12; month++) {
      const date = addDays(launch, month * 30 + 6);
      meetingsList.push({ id: randomUUID(), kind: 'network', group: null, date, title: `Network meeting ${month}`, isPublic: false });
      if (month % 3 === 1) {
        GROUPS.forEach((g, i) => meetingsList.push({ id: randomUUID(), kind: 'working_group', group: g.key, date: addDays(date, 7 + i), title: `${g.nameEn}: quarterly meeting`, isPublic: false }));
      }
    }
    meetingsList.push({ id: randomUUID(), kind: 'steering_committee', group: null, date: '2025-10-20', title: 'Steering committee: first call for proposals', isPublic: false });
    meetingsList.push({ id: randomUUID(), kind: 'network', group: null, date: '2026-06-20', title: 'Panel discussion: World Day against Trafficking preparations', isPublic: true });
    meetingsList.push({ id: randomUUID(), kind: 'network', group: null, date: addDays(today, 21), title: 'Upcoming network meeting', isPublic: false });

    const past = meetingsList.filter((m) => m.date < today).sort((a, b) => a.date.localeCompare(b.date));
    const lastHeldNetwork = past.filter((m) => m.kind === 'network').at(-1)?.id;
    await q
      .insertInto(
        'meetings',
        meetingsList.map((m) => {
          const held = m.date < today;
          const minutes = !held ? 'draft' : m.id === lastHeldNetwork ? 'circulated' : 'approved';
          return {
            id: m.id,
            kind: m.kind,
            working_group_id: m.group ? groupIds[m.group] : null,
            title_en: m.title,
            title_ur: null,
            starts_at: pktMorning(m.date),
            ends_at: pktMorning(m.date, 13),
            location: m.isPublic ? 'Serena Hotel, Islamabad' : m.kind === 'working_group' ? null : 'UN Office, Islamabad, Room 2',
            online_url: m.kind === 'working_group' ? 'https://meet.example.org/unnm-pak' : null,
            is_public: m.isPublic,
            status: held ? ('held' as const) : ('scheduled' as const),
            minutes_status: minutes as 'draft' | 'circulated' | 'approved',
            minutes_circulated_at: held ? pktMorning(addDays(m.date, 3)) : null,
            minutes_approved_at: minutes === 'approved' ? pktMorning(addDays(m.date, 14)) : null,
            minutes_approved_by: minutes === 'approved' ? (m.kind === 'network' ? chair : admin) : null,
            created_by: admin,
            updated_at: new Date(),
          };
        }),
      )
      .execute();

    const agenda: { id: string; meeting_id: string; position: number; title: string; presenter: string | null; minutes: string }[] = [];
    const invitations: { meeting_id: string; organisation_id: string; user_id: string; email: string }[] = [];
    const attendance: { meeting_id: string; organisation_id: string; attendees: string }[] = [];
    const invitees = [
      ['rco', 'chair@demo.hamsafar.pk'],
      ['iom', 'focal.iom@demo.hamsafar.pk'],
      ['unodc', 'focal.unodc@demo.hamsafar.pk'],
      ['mopohrd', 'focal@demo.hamsafar.pk'],
      ['mofa', 'donor@demo.hamsafar.pk'],
      ['nchr', 'auditor@demo.hamsafar.pk'],
      ['cso1', 'orgadmin@demo.hamsafar.pk'],
    ];
    for (const m of meetingsList) {
      const topics = [pick(TOPICS), pick(TOPICS)];
      const items = m.title.startsWith('Launch')
        ? ['Opening remarks by the Resident Coordinator', 'Terms of reference of the network', 'Workplan priorities']
        : ['Adoption of the agenda and previous minutes', ...topics.map((t) => t.title), 'Any other business'];
      items.forEach((title, i) =>
        agenda.push({ id: randomUUID(), meeting_id: m.id, position: i + 1, title, presenter: i === 0 ? 'Secretariat' : null, minutes: m.date < today ? `Discussed: ${title.toLowerCase()}. Members agreed on next steps.` : '' }),
      );
      const groupMembers = m.group ? GROUPS.find((g) => g.key === m.group)!.members : memberKeys;
      for (const [key, email] of invitees) {
        if (!groupMembers.includes(key) && m.kind !== 'network') continue;
        invitations.push({ meeting_id: m.id, organisation_id: org[key], user_id: user[email], email });
      }
      if (m.date < today) {
        const joined = (key: string) => (key.startsWith('cso') ? '2025-11-01' : launch) <= m.date;
        for (const key of groupMembers.filter((k) => k !== 'cso3' && joined(k))) {
          if (key === 'iom' || rand() < 0.72) attendance.push({ meeting_id: m.id, organisation_id: org[key], attendees: '' });
        }
      }
    }
    await q.insertInto('meeting_agenda_items', agenda).execute();
    await q.insertInto('meeting_invitations', invitations).execute();
    await q.insertInto('meeting_attendance', attendance).execute();
    await q
      .insertInto('minutes_comments', {
        meeting_id: lastHeldNetwork!,
        agenda_item_id: agenda.find((a) => a.meeting_id === lastHeldNetwork && a.position === 2)!.id,
        author_user_id: user['focal.unodc@demo.hamsafar.pk'],
        body: 'Please add that UNODC will share the route analysis before the next meeting.',
      })
      .execute();

    // Decisions: two at each held network meeting, numbered per year.
    const code = (await trx.selectFrom('networks').select('code').where('id', '=', demo.networkId).executeTakeFirstOrThrow()).code;
    const counters = new Map<number, number>();
    const decisions: { id: string; meeting_id: string; number: string; year: number; sequence: number; text_en: string; text_ur: string | null; gcm_objectives: number[]; created_by: string }[] = [];
    for (const m of past.filter((x) => x.kind === 'network')) {
      for (let i = 0; i < 2; i++) {
        const topic = pick(TOPICS);
        const year = Number(m.date.slice(0, 4));
        const sequence = (counters.get(year) ?? 0) + 1;
        counters.set(year, sequence);
        decisions.push({
          id: randomUUID(),
          meeting_id: m.id,
          number: formatDecisionNumber(code, year, sequence),
          year,
          sequence,
          text_en: i === 0 ? `The network endorses the proposals on ${topic.title.toLowerCase()}.` : `The secretariat will report on ${topic.title.toLowerCase()} at the next meeting.`,
          text_ur: i === 0 ? 'نیٹ ورک تجاویز کی توثیق کرتا ہے۔' : null,
          gcm_objectives: topic.gcm,
          created_by: admin,
        });
      }
    }
    await q.insertInto('decisions', decisions).execute();
    await trx.insertInto('decision_counters').values([...counters].map(([year, last]) => ({ network_id: demo.networkId, year, last_number: last }))).execute();

    // Action points: five from each held network meeting and from the working group meetings, mixed states.
    const owners = ['iom', 'unodc', 'mopohrd', 'fia', 'beoe', 'ilo', 'nchr', 'cso1', 'mofa', 'unhcr'];
    const responsible: Record<string, string> = { iom: 'focal.iom@demo.hamsafar.pk', unodc: 'focal.unodc@demo.hamsafar.pk', mopohrd: 'focal@demo.hamsafar.pk' };
    const points: { id: string; title: string; meeting_id: string; decision_id: string | null; working_group_id: string | null; owner_organisation_id: string; responsible_user_id: string | null; responsible_name: string | null; due_date: string; status: 'open' | 'in_progress' | 'done' | 'dropped'; gcm_objectives: number[]; completed_at: Date | null; overdue_notified_at: Date | null; created_by: string; updated_at: Date }[] = [];
    const sources = past.filter((m) => m.kind !== 'steering_committee');
    for (const m of sources) {
      const count = m.kind === 'network' ? 5 : 1;
      for (let i = 0; i < count && points.length < 80; i++) {
        const owner = pick(owners);
        const due = addDays(m.date, 20 + Math.floor(rand() * 80));
        const roll = rand();
        const status = due >= today ? (roll < 0.6 ? 'open' : 'in_progress') : roll < 0.6 ? 'done' : roll < 0.7 ? 'dropped' : roll < 0.85 ? 'in_progress' : 'open';
        const decision = decisions.find((d) => d.meeting_id === m.id);
        points.push({
          id: randomUUID(),
          title: pick(ACTIONS),
          meeting_id: m.id,
          decision_id: i === 0 && decision ? decision.id : null,
          working_group_id: m.group ? groupIds[m.group] : null,
          owner_organisation_id: org[owner],
          responsible_user_id: responsible[owner] ? user[responsible[owner]] : null,
          responsible_name: responsible[owner] ? null : 'Programme officer',
          due_date: due,
          status,
          gcm_objectives: pick(TOPICS).gcm,
          completed_at: status === 'done' ? pktMorning(addDays(due, -5)) : null,
          // Old overdue items were announced long ago; those due in the last fortnight are still to be announced.
          overdue_notified_at: due < addDays(today, -14) && (status === 'open' || status === 'in_progress') ? pktMorning(addDays(due, 1)) : null,
          created_by: admin,
          updated_at: new Date(),
        });
      }
    }
    await q.insertInto('action_points', points).execute();
    const updates = points
      .filter((p) => p.status !== 'open')
      .map((p) => ({ action_point_id: p.id, author_user_id: p.responsible_user_id ?? admin, status: p.status, note: p.status === 'done' ? 'Completed and shared with the secretariat.' : p.status === 'dropped' ? 'Dropped: overtaken by the national action plan.' : 'Work has started.' }));
    if (updates.length) await q.insertInto('action_point_updates', updates).execute();

    // Joint workplan: an output per objective with one or two activities.
    const plan: { objective: number; title: string; lead: string; partners: string[]; group: string | null }[] = [
      { objective: 1, title: 'Harmonised data on trafficking and smuggling cases', lead: 'iom', partners: ['unodc', 'fia'], group: 'data' },
      { objective: 3, title: 'Pre-departure information for migrant workers', lead: 'mopohrd', partners: ['iom', 'beoe'], group: 'labour' },
      { objective: 6, title: 'Fair recruitment: licensing and monitoring of promoters', lead: 'ilo', partners: ['beoe', 'mopohrd'], group: 'labour' },
      { objective: 7, title: 'Protection services for vulnerable migrants', lead: 'unhcr', partners: ['unicef', 'cso1'], group: null },
      { objective: 9, title: 'Joint investigations of smuggling networks', lead: 'fia', partners: ['unodc'], group: 'ct' },
      { objective: 10, title: 'National referral mechanism for victims of trafficking', lead: 'unodc', partners: ['iom', 'fia', 'nchr', 'cso2'], group: 'ct' },
      { objective: 12, title: 'Screening and referral at points of entry', lead: 'fia', partners: ['iom'], group: 'ct' },
      { objective: 14, title: 'Consular protection of Pakistanis abroad', lead: 'mofa', partners: ['mopohrd'], group: null },
      { objective: 21, title: 'Sustainable reintegration of returnees', lead: 'iom', partners: ['unhcr', 'cso2'], group: 'return' },
    ];
    const sdg: Record<number, string[]> = { 1: ['17.18'], 3: ['10.7'], 6: ['8.8', '10.7'], 7: ['10.7'], 9: ['16.2'], 10: ['5.2', '8.7', '16.2'], 12: ['10.7'], 14: ['10.7'], 21: ['10.7'] };
    const known = new Set((await trx.selectFrom('sdg_targets').select('code').execute()).map((r) => r.code));
    const items: { id: string; kind: 'output' | 'activity'; parent_id: string | null; title_en: string; lead_organisation_id: string; starts_on: string; ends_on: string; status: 'planned' | 'in_progress' | 'completed' | 'delayed'; progress: number; gcm_objectives: number[]; guiding_principles: number[]; sdg_targets: string[]; working_group_id: string | null; updated_at: Date }[] = [];
    const partners: { workplan_item_id: string; organisation_id: string }[] = [];
    for (const p of plan) {
      const outputId = randomUUID();
      const progress = Math.floor(rand() * 90);
      items.push({
        id: outputId, kind: 'output', parent_id: null, title_en: p.title, lead_organisation_id: org[p.lead], starts_on: '2025-10-01', ends_on: '2026-12-31',
        status: progress > 70 ? 'in_progress' : progress < 10 ? 'delayed' : 'in_progress', progress, gcm_objectives: [p.objective], guiding_principles: [1, 4, 10],
        sdg_targets: sdg[p.objective].filter((c) => known.has(c)), working_group_id: p.group ? groupIds[p.group] : null, updated_at: new Date(),
      });
      p.partners.forEach((k) => partners.push({ workplan_item_id: outputId, organisation_id: org[k] }));
      ['Assessment and consultations', 'Training and roll-out'].forEach((label, i) => {
        const id = randomUUID();
        items.push({
          id, kind: 'activity', parent_id: outputId, title_en: `${label}: ${p.title.toLowerCase()}`, lead_organisation_id: org[i === 0 ? p.lead : p.partners[0]],
          starts_on: i === 0 ? '2025-10-01' : '2026-03-01', ends_on: i === 0 ? '2026-02-28' : '2026-12-31', status: i === 0 ? 'completed' : 'in_progress', progress: i === 0 ? 100 : Math.floor(rand() * 60),
          gcm_objectives: [p.objective], guiding_principles: [4], sdg_targets: [], working_group_id: p.group ? groupIds[p.group] : null, updated_at: new Date(),
        });
      });
    }
    await q.insertInto('workplan_items', items.map((i) => ({ ...i, title_ur: null }))).execute();
    await q.insertInto('workplan_partners', partners).execute();
  });
}
