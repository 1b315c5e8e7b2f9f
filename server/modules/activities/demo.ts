import { randomUUID } from 'node:crypto';
import { AGE_BANDS, POPULATION_GROUPS, SEXES, type ActivitySector, type ActivityStatus, type FigureCell } from '../../../common/activities';
import { PUBLISHED_STATUSES } from '../../../common/schemas/fund';
import { scoped } from '../../platform/database/tenant';
import type { DemoContext } from '../../seed/demo';
import { pakistanDate } from '../network/time';

/**
 * Activities of the demo organisations over the last two years, across most provinces, with
 * quarterly reports for past periods (one late, after an unlock), periods locked by their deadline,
 * an open current period, and gaps: GCM objectives and provinces where nobody works. Everything is
 * written with a few bulk inserts in one transaction, so the demo stays fast.
 *
 * Places: the admin units of the network (places module) when there are any; without a gazetteer
 * the activities have no places.
 */

/** Objectives the demo works on; every other one is a gap the matrix shows. */
const DEMO_OBJECTIVES = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13, 15, 18, 21];

interface Template {
  org: string;
  title: string;
  titleUr: string;
  sector: ActivitySector;
  gcm: number[];
  partners?: string[];
  /** Indexes into the provinces found (districts of them are used too). */
  provinces: number[];
  people: number;
}

const TEMPLATES: Template[] = [
  { org: 'iom', title: 'Migrant resource centres', titleUr: 'مہاجرین وسائل مراکز', sector: 'labour_migration', gcm: [3, 5], partners: ['beoe'], provinces: [0, 1, 2], people: 4200 },
  { org: 'iom', title: 'Return and reintegration assistance', titleUr: 'واپسی اور دوبارہ آبادکاری میں معاونت', sector: 'return_reintegration', gcm: [21], partners: ['mopohrd'], provinces: [0, 2], people: 1800 },
  { org: 'iom', title: 'Displacement tracking in flood-affected districts', titleUr: 'سیلاب سے متاثرہ اضلاع میں نقل مکانی کا سراغ', sector: 'climate_mobility', gcm: [1, 2], provinces: [1, 3], people: 9000 },
  { org: 'unodc', title: 'Training FIA circles on trafficking investigations', titleUr: 'ایف آئی اے سرکلز کی انسانی اسمگلنگ تحقیقات پر تربیت', sector: 'counter_trafficking', gcm: [9, 10], partners: ['fia'], provinces: [0, 1, 4], people: 600 },
  { org: 'unodc', title: 'Prosecutors\' network against migrant smuggling', titleUr: 'تارکین وطن کی اسمگلنگ کے خلاف استغاثہ نیٹ ورک', sector: 'counter_trafficking', gcm: [9], provinces: [4], people: 150 },
  { org: 'ilo', title: 'Fair recruitment pilot with licensed promoters', titleUr: 'لائسنس یافتہ پروموٹرز کے ساتھ منصفانہ بھرتی کا تجربہ', sector: 'labour_migration', gcm: [6], partners: ['beoe'], provinces: [0, 2], people: 2500 },
  { org: 'ilo', title: 'Skills recognition for returning workers', titleUr: 'واپس آنے والے کارکنوں کی مہارتوں کی تصدیق', sector: 'return_reintegration', gcm: [18, 21], provinces: [0], people: 900 },
  { org: 'unhcr', title: 'Legal aid desks for Afghan nationals', titleUr: 'افغان شہریوں کے لیے قانونی امداد ڈیسک', sector: 'protection', gcm: [4, 7], partners: ['cso2'], provinces: [2, 3, 4], people: 5200 },
  { org: 'unhcr', title: 'Proof of registration card renewal support', titleUr: 'رجسٹریشن کارڈ کی تجدید میں معاونت', sector: 'legal_identity', gcm: [4], provinces: [2, 3], people: 7000 },
  { org: 'unicef', title: 'Child protection case management for unaccompanied children', titleUr: 'بغیر سرپرست بچوں کے لیے تحفظ اطفال کیس مینجمنٹ', sector: 'protection', gcm: [7], partners: ['cso3'], provinces: [1, 3], people: 800 },
  { org: 'unwomen', title: 'Safe migration for women domestic workers', titleUr: 'خواتین گھریلو کارکنوں کے لیے محفوظ ہجرت', sector: 'labour_migration', gcm: [6, 7], provinces: [0, 1], people: 1200 },
  { org: 'fia', title: 'Integrated border management at airports', titleUr: 'ہوائی اڈوں پر مربوط سرحدی انتظام', sector: 'border_management', gcm: [11], partners: ['iom'], provinces: [0, 1, 4], people: 0 },
  { org: 'beoe', title: 'Pre-departure orientation sessions', titleUr: 'روانگی سے قبل آگاہی نشستیں', sector: 'labour_migration', gcm: [3], provinces: [0, 1, 2, 3], people: 15000 },
  { org: 'mopohrd', title: 'Overseas employment data portal', titleUr: 'بیرون ملک روزگار ڈیٹا پورٹل', sector: 'data_evidence', gcm: [1], provinces: [4], people: 0 },
  { org: 'nchr', title: 'Monitoring detention of migrants', titleUr: 'تارکین وطن کی حراست کی نگرانی', sector: 'protection', gcm: [13, 15], provinces: [1, 3], people: 300 },
  { org: 'cso1', title: 'Shelter and psychosocial care for survivors', titleUr: 'متاثرین کے لیے پناہ اور نفسیاتی نگہداشت', sector: 'protection', gcm: [7, 10], provinces: [0], people: 350 },
  { org: 'cso2', title: 'Community awareness on irregular migration', titleUr: 'غیر قانونی ہجرت پر عوامی آگاہی', sector: 'counter_trafficking', gcm: [2, 10], provinces: [2], people: 6000 },
  { org: 'cso3', title: 'Women and child shelter in Karachi', titleUr: 'کراچی میں خواتین و اطفال پناہ گاہ', sector: 'protection', gcm: [7], provinces: [1], people: 420 },
];

/** A small deterministic generator: the demo is the same at every start. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function cellsFor(total: number, random: () => number): FigureCell[] {
  if (total === 0) return [];
  const cells: FigureCell[] = [];
  const weights = SEXES.flatMap((sex) => AGE_BANDS.flatMap((ageBand) => POPULATION_GROUPS.map((group) => ({ sex, ageBand, group, w: random() * (sex === 'other' ? 0.05 : 1) * (ageBand === '18-59' ? 3 : 1) }))));
  const sum = weights.reduce((s, c) => s + c.w, 0);
  for (const c of weights) {
    const people = Math.floor((total * c.w) / sum);
    if (people > 0) cells.push({ sex: c.sex, ageBand: c.ageBand, group: c.group, people });
  }
  return cells;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const monthStartOf = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
const addDays = (date: string, days: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

export async function seedActivitiesDemo(demo: DemoContext): Promise<void> {
  await demo.db.transaction().execute(async (trx) => {
    const q = scoped(trx, demo.networkId);
    const org = demo.organisations;
    const random = generator(11);
    const today = pakistanDate();
    const [year, month] = today.split('-').map(Number);
    const quarterStart = monthStartOf(year, Math.floor((month - 1) / 3) * 3);

    // Places: the districts of the provinces of the gazetteer (the province itself when it has none).
    const units = await q.selectFrom('admin_units').select(['id', 'level', 'parent_id', 'code']).where('retired_at', 'is', null).orderBy('code').execute();
    // Punjab, Sindh, Khyber Pakhtunkhwa, Balochistan, Islamabad first (ISO codes of the shipped set); Gilgit-Baltistan and AJK stay gaps.
    const rank = (code: string) => {
      const i = ['PB', 'SD', 'KP', 'BA', 'IS'].indexOf(code.slice(-2));
      return i < 0 ? 99 : i;
    };
    const provinces = units.filter((u) => u.level === 1).sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
    const used = provinces.slice(0, Math.max(1, provinces.length - 2));
    const districtsOf = (provinceId: string) => units.filter((u) => u.level === 2 && u.parent_id === provinceId);
    const placesFor = (indexes: number[], pick: number) =>
      used.length === 0
        ? []
        : [...new Set(indexes.map((i) => used[i % used.length]))].flatMap((p) => {
            const districts = districtsOf(p.id);
            return districts.length ? [districts[pick % districts.length].id] : [p.id];
          });

    const lines = await q.selectFrom('workplan_items').select(['id']).orderBy('starts_on').limit(4).execute();
    const programmes = await q.selectFrom('fund_programmes').select(['id']).where('status', 'in', [...PUBLISHED_STATUSES]).limit(2).execute();
    const users = await q.selectFrom('users').select(['id', 'organisation_id']).execute();
    const creatorOf = (organisationId: string) => users.find((u) => u.organisation_id === organisationId)?.id ?? null;

    // Two years of activities: each template once started 24 months ago, most again a year later.
    const activities: Array<{ id: string; lead: string; starts_on: string; ends_on: string; status: ActivityStatus; people: number }> = [];
    const rows = [];
    const partners = [];
    const places = [];
    const figures = [];
    for (const [round, offset] of [[0, -24], [1, -12]] as const) {
      for (const [i, t] of TEMPLATES.entries()) {
        if (round === 1 && i % 3 === 2) continue;
        const lead = org[t.org];
        if (!lead) continue;
        const id = randomUUID();
        const starts = monthStartOf(quarterStart.getUTCFullYear(), quarterStart.getUTCMonth() + offset + (i % 3));
        const ends = addDays(iso(monthStartOf(starts.getUTCFullYear(), starts.getUTCMonth() + (round === 0 ? 15 : 18))), -1);
        const status: ActivityStatus = ends < today ? 'completed' : i === 4 && round === 1 ? 'suspended' : iso(starts) > today ? 'planned' : 'ongoing';
        const gcm = [...new Set(t.gcm)].filter((g) => DEMO_OBJECTIVES.includes(g)).slice(0, 3);
        const programme = round === 1 && i < programmes.length ? programmes[i].id : null;
        const fundingKind = programme ? 'mmptf' : t.org.startsWith('cso') ? 'other_donor' : i % 2 ? 'own_funds' : 'other_donor';
        rows.push({
          id,
          title_en: round === 0 ? t.title : `${t.title} (phase II)`,
          title_ur: round === 0 ? t.titleUr : `${t.titleUr} (دوسرا مرحلہ)`,
          description_en: `${t.title}: demo activity of the Pakistan network.`,
          description_ur: null,
          lead_organisation_id: lead,
          gcm_objectives: gcm.length ? gcm : [DEMO_OBJECTIVES[i % DEMO_OBJECTIVES.length]],
          guiding_principles: [1 + (i % 10)],
          sdg_targets: t.sector === 'counter_trafficking' ? ['8.7', '16.2'] : ['10.7'],
          sector: t.sector,
          funding_kind: fundingKind as 'mmptf' | 'other_donor' | 'own_funds',
          fund_programme_id: programme,
          donor_name: fundingKind === 'other_donor' ? ['European Union', 'FCDO', 'Government of Japan', 'KOICA'][i % 4] : null,
          starts_on: iso(starts),
          ends_on: ends,
          status,
          published: i % 5 !== 3,
          workplan_item_id: round === 1 && i < lines.length ? lines[i].id : null,
          is_demo: true,
          created_by: creatorOf(lead),
          updated_at: new Date(),
        });
        for (const p of t.partners ?? []) if (org[p] && org[p] !== lead) partners.push({ activity_id: id, organisation_id: org[p] });
        for (const unitId of placesFor(t.provinces, i + round)) places.push({ activity_id: id, unit_id: unitId });
        const targeted = cellsFor(t.people, random);
        const reached = status === 'planned' ? [] : targeted.map((c) => ({ ...c, people: Math.floor(c.people * (status === 'completed' ? 0.9 : 0.5)) })).filter((c) => c.people > 0);
        for (const [measure, cells] of [['targeted', targeted], ['reached', reached]] as const) {
          for (const c of cells) figures.push({ activity_id: id, measure, sex: c.sex, age_band: c.ageBand, population_group: c.group, people: c.people });
        }
        activities.push({ id, lead, starts_on: iso(starts), ends_on: ends, status, people: t.people });
      }
    }
    await q.insertInto('activities', rows).execute();
    if (partners.length) await q.insertInto('activity_partners', partners).execute();
    if (places.length) await q.insertInto('activity_places', places).execute();
    if (figures.length) await q.insertInto('activity_figures', figures).execute();

    // Quarterly periods of the last two years (past ones locked by their deadline), and the current one, open.
    const admin = users.find((u) => u.organisation_id === org.iom)?.id ?? null;
    const periods = [];
    for (let k = -8; k <= 0; k++) {
      const start = monthStartOf(quarterStart.getUTCFullYear(), quarterStart.getUTCMonth() + k * 3);
      const end = addDays(iso(monthStartOf(start.getUTCFullYear(), start.getUTCMonth() + 3)), -1);
      periods.push({ id: randomUUID(), kind: 'quarterly' as const, starts_on: iso(start), ends_on: end, deadline: addDays(end, 15), created_by: admin });
    }
    await q.insertInto('reporting_periods', periods).execute();

    // Reports of past periods, on time; some missing (gaps the secretariat chases).
    const reports = [];
    const reportFigures = [];
    const lastLocked = periods.filter((p) => p.deadline < today).at(-1);
    let lateDone = false;
    for (const period of periods.filter((p) => p.ends_on < today)) {
      for (const [n, a] of activities.entries()) {
        if (a.status === 'planned' || a.starts_on > period.ends_on || a.ends_on < period.starts_on) continue;
        const late = !lateDone && period === lastLocked && a.lead === org.cso1;
        if (!late && (n + periods.indexOf(period)) % 7 === 0) continue;
        if (late) lateDone = true;
        const id = randomUUID();
        const submitted = late ? new Date(Date.parse(`${addDays(period.deadline, 4)}T10:00:00+05:00`)) : new Date(Date.parse(`${addDays(period.deadline, -3)}T10:00:00+05:00`));
        if (submitted > new Date()) continue;
        reports.push({
          id,
          period_id: period.id,
          activity_id: a.id,
          organisation_id: a.lead,
          covered_from: period.starts_on > a.starts_on ? period.starts_on : a.starts_on,
          covered_to: period.ends_on < a.ends_on ? period.ends_on : a.ends_on,
          narrative: late ? 'Reported after the deadline: the focal point was on leave; the secretariat reopened the period.' : 'Activities carried out as planned in the quarter.',
          submitted_by: creatorOf(a.lead),
          submitted_at: submitted,
          updated_at: submitted,
        });
        for (const c of cellsFor(Math.round(a.people / 8), random)) reportFigures.push({ report_id: id, sex: c.sex, age_band: c.ageBand, population_group: c.group, people: c.people });
      }
    }
    if (reports.length) await q.insertInto('activity_reports', reports).execute();
    if (reportFigures.length) await q.insertInto('activity_report_figures', reportFigures).execute();
    if (lastLocked && lateDone && admin) {
      await q
        .insertInto('reporting_unlocks', {
          period_id: lastLocked.id,
          organisation_id: org.cso1,
          reason: 'The focal point was on leave during the deadline week.',
          until: addDays(lastLocked.deadline, 10),
          unlocked_by: admin,
        })
        .execute();
    }
  });
}
