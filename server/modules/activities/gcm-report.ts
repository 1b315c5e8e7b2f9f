import { AGE_BANDS, SEXES, type ActivityStatus, type FigureTotals, type PeriodKind } from '../../../common/activities';
import type { WORKPLAN_STATUSES } from '../../../common/network';
import type { ProgrammeStatus } from '../../../common/schemas/fund';
import { defineMessages, hasMessage, translate, type Language } from '../../platform/i18n';
import { leftToRight, renderReportDocx, renderReportPdf, type ReportBlock, type ReportDocument } from '../../platform/report-document';

/**
 * The GCM progress report of a reporting period, in the manner of a voluntary national review of
 * the Global Compact for Migration: per objective, what ran (activities and people reached), the
 * joint workplan, the MMPTF joint programmes and their results, the protection counts (as the
 * dashboard publishes them), and where nobody works. Assembled in gcm-report.service.ts; rendered
 * to PDF and DOCX, in English or Urdu, from this one shape.
 */
export interface GcmReport {
  language: Language;
  networkName: string;
  period: { kind: PeriodKind; startsOn: string; endsOn: string; deadline: string };
  generatedOn: string;
  overall: { activities: number; organisations: number; reports: number; missingReports: number; reached: FigureTotals };
  objectives: GcmObjectiveSection[];
  /** null when the reader's role does not include the protection counts. */
  protection: ProtectionFigures | null;
  gaps: GcmProvinceGaps;
}

export interface ReportedActivity {
  id: string;
  title: string;
  leadOrganisation: string;
  places: string[];
  status: ActivityStatus;
  /** People reached according to the period's report; null: no report for the period. */
  reached: number | null;
}

export interface GcmObjectiveSection {
  number: number;
  title: string;
  activities: ReportedActivity[];
  /** The sums of the period's reports of these activities. */
  reached: FigureTotals;
  /** null when the reader's role does not open the workplan. */
  workplan: Array<{ title: string; lead: string; status: (typeof WORKPLAN_STATUSES)[number]; progress: number }> | null;
  /** null when the reader's role does not open the fund's figures. */
  programmes: ProgrammeResult[] | null;
}

/** An MMPTF joint programme's figures (US dollars) and indicator results up to the end of the period. */
export interface ProgrammeResult {
  code: string;
  title: string;
  status: ProgrammeStatus;
  approved: string | null;
  netFunded: string;
  expenditure: string;
  deliveryRate: string | null;
  indicators: Array<{ statement: string; unit: string; baseline: string; target: string; latest: string | null; progress: string | null }>;
}

export type ProtectionDimension = 'exploitationType' | 'gender' | 'ageBand' | 'province';

/** The dashboard's published counts: `count` null and `display` "x" where it withholds one. */
export interface PublishedCount {
  key: string;
  label: string;
  count: number | null;
  display: string;
}

/** Placed under objective 10 (PROTECTION_OBJECTIVE). */
export interface ProtectionFigures {
  byMonth: PublishedCount[];
  /** The calendar year the other dimensions are counted for (the dashboard publishes them by year). */
  year: number;
  byDimension: Array<{ dimension: ProtectionDimension; items: PublishedCount[] }>;
}

/** The protection module counts cases of trafficking in persons: GCM objective 10. */
export const PROTECTION_OBJECTIVE = 10;

// ---- Gap matrix -------------------------------------------------------------------------------

export interface GcmProvinceGaps {
  provinces: Array<{ id: string; code: string; name: string }>;
  /** Per objective, per province (in the order of `provinces`): the organisations leading an activity there. */
  rows: Array<{ objective: number; organisations: number[] }>;
}

interface GapActivity {
  leadOrganisationId: string;
  gcmObjectives: number[];
  unitIds: string[];
}

interface GapUnit {
  id: string;
  code: string;
  level: number;
  parentId: string | null;
  name: string;
}

/**
 * GCM objective × province for the report: how many organisations lead an activity of the period
 * on the objective in the province (a district or tehsil counts in its province); a zero is a gap,
 * a place where nobody works on that objective. Provinces are the level-1 units of the gazetteer.
 */
export function gcmReportProvinceGaps(activities: GapActivity[], units: GapUnit[], objectives: number[]): GcmProvinceGaps {
  const byId = new Map(units.map((u) => [u.id, u]));
  const provinceOf = (unitId: string): string | null => {
    let unit = byId.get(unitId);
    for (let steps = 0; unit && unit.level > 1 && steps < 5; steps++) unit = unit.parentId ? byId.get(unit.parentId) : undefined;
    return unit?.level === 1 ? unit.id : null;
  };
  const provinces = units.filter((u) => u.level === 1).sort((a, b) => a.name.localeCompare(b.name));
  const organisations = new Map<string, Set<string>>();
  for (const activity of activities) {
    const where = new Set(activity.unitIds.map(provinceOf).filter((p): p is string => p !== null));
    for (const objective of activity.gcmObjectives) {
      for (const province of where) {
        const key = `${objective}:${province}`;
        organisations.set(key, (organisations.get(key) ?? new Set()).add(activity.leadOrganisationId));
      }
    }
  }
  return {
    provinces: provinces.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    rows: objectives.map((objective) => ({ objective, organisations: provinces.map((p) => organisations.get(`${objective}:${p.id}`)?.size ?? 0) })),
  };
}

// ---- Labels -------------------------------------------------------------------------------------

const m = defineMessages({
  'activities.gcm-report.title': { en: '{{network}}: GCM progress report, {{from}} to {{to}}', ur: '{{network}}: جی سی ایم پیش رفت رپورٹ، {{from}} تا {{to}}' },
  'activities.gcm-report.subtitle': {
    en: 'A voluntary review of the implementation of the Global Compact for Safe, Orderly and Regular Migration, by objective. {{kind}} reporting period, deadline {{deadline}}. Generated on {{date}}.',
    ur: 'محفوظ، منظم اور باقاعدہ ہجرت کے عالمی معاہدے (جی سی ایم) پر عمل درآمد کا رضاکارانہ جائزہ، مقصد وار۔ {{kind}} رپورٹنگ مدت، آخری تاریخ {{deadline}}۔ تیاری کی تاریخ {{date}}۔',
  },
  'activities.gcm-report.kind.monthly': { en: 'Monthly', ur: 'ماہانہ' },
  'activities.gcm-report.kind.quarterly': { en: 'Quarterly', ur: 'سہ ماہی' },
  'activities.gcm-report.summary': { en: 'Summary', ur: 'خلاصہ' },
  'activities.gcm-report.summary-text': {
    en: '{{activities}} activities of {{organisations}} organisations ran in the period; {{reports}} reports were submitted and {{missing}} are missing.',
    ur: 'اس مدت میں {{organisations}} اداروں کی {{activities}} سرگرمیاں جاری رہیں؛ {{reports}} رپورٹیں جمع ہوئیں اور {{missing}} باقی ہیں۔',
  },
  'activities.gcm-report.reached-heading': { en: 'People reached (from the period’s reports)', ur: 'جن لوگوں تک رسائی ہوئی (مدت کی رپورٹوں سے)' },
  'activities.gcm-report.total': { en: 'Total', ur: 'کل' },
  'activities.gcm-report.sex.female': { en: 'Female', ur: 'خواتین' },
  'activities.gcm-report.sex.male': { en: 'Male', ur: 'مرد' },
  'activities.gcm-report.sex.other': { en: 'Other', ur: 'دیگر' },
  'activities.gcm-report.age': { en: 'Aged {{band}}', ur: 'عمر {{band}}' },
  'activities.gcm-report.chart-heading': { en: 'People reached per GCM objective', ur: 'ہر جی سی ایم مقصد کے تحت جن لوگوں تک رسائی ہوئی' },
  'activities.gcm-report.chart-note': {
    en: 'An activity that serves several objectives counts under each of them; the summary counts it once.',
    ur: 'کئی مقاصد کی حامل سرگرمی ہر مقصد کے تحت شمار ہوتی ہے؛ خلاصے میں وہ ایک بار شمار ہوتی ہے۔',
  },
  'activities.gcm-report.gaps-heading': { en: 'Gaps: GCM objective × province', ur: 'خلا: جی سی ایم مقصد × صوبہ' },
  'activities.gcm-report.gaps-note': {
    en: 'The number of organisations leading an activity of the period on the objective in the province; “—” is a gap: nobody works there on it.',
    ur: 'اس مدت میں صوبے میں اس مقصد پر سرگرمی کی قیادت کرنے والے اداروں کی تعداد؛ “—” خلا ہے: وہاں اس پر کوئی کام نہیں کر رہا۔',
  },
  'activities.gcm-report.no-provinces': { en: 'No provinces are loaded in the gazetteer.', ur: 'گزیٹیئر میں کوئی صوبہ موجود نہیں۔' },
  'activities.gcm-report.objective-short': { en: 'Objective', ur: 'مقصد' },
  'activities.gcm-report.objective': { en: 'GCM objective {{number}}: {{title}}', ur: 'جی سی ایم مقصد {{number}}: {{title}}' },
  'activities.gcm-report.activities': { en: 'Activities', ur: 'سرگرمیاں' },
  'activities.gcm-report.no-activities': { en: 'No activity on this objective ran in the period.', ur: 'اس مدت میں اس مقصد پر کوئی سرگرمی نہیں چلی۔' },
  'activities.gcm-report.activity': { en: 'Activity', ur: 'سرگرمی' },
  'activities.gcm-report.lead': { en: 'Lead organisation', ur: 'مرکزی ادارہ' },
  'activities.gcm-report.places': { en: 'Places', ur: 'مقامات' },
  'activities.gcm-report.status': { en: 'Status', ur: 'کیفیت' },
  'activities.gcm-report.reached': { en: 'Reached', ur: 'رسائی' },
  'activities.gcm-report.not-reported': { en: 'not reported', ur: 'رپورٹ نہیں' },
  'activities.gcm-report.workplan': { en: 'Joint workplan', ur: 'مشترکہ ورک پلان' },
  'activities.gcm-report.no-workplan': { en: 'No workplan line on this objective runs in the period.', ur: 'اس مدت میں اس مقصد پر ورک پلان کی کوئی لائن نہیں۔' },
  'activities.gcm-report.workplan-line': { en: '{{title}}, led by {{lead}}: {{status}}, {{progress}}%', ur: '{{title}}، قیادت {{lead}}: {{status}}، {{progress}}%' },
  'activities.gcm-report.programmes': { en: 'MMPTF joint programmes', ur: 'MMPTF مشترکہ پروگرام' },
  'activities.gcm-report.no-programmes': { en: 'No approved joint programme serves this objective.', ur: 'کوئی منظور شدہ مشترکہ پروگرام اس مقصد کے لیے نہیں۔' },
  'activities.gcm-report.programme': {
    en: '{{code}} {{title}} ({{status}}): approved US$ {{approved}}, transferred US$ {{funded}}, spent US$ {{spent}}, delivery rate {{rate}}',
    ur: '{{code}} {{title}} ({{status}}): منظور شدہ US$ {{approved}}، منتقل شدہ US$ {{funded}}، خرچ شدہ US$ {{spent}}، ترسیل کی شرح {{rate}}',
  },
  'activities.gcm-report.indicator': {
    en: '{{statement}}: {{latest}} of a target of {{target}} {{unit}} (baseline {{baseline}}), progress {{progress}}',
    ur: '{{statement}}: ہدف {{target}} {{unit}} میں سے {{latest}} (ابتدائی سطح {{baseline}})، پیش رفت {{progress}}',
  },
  'activities.gcm-report.no-result': { en: 'no result yet', ur: 'ابھی کوئی نتیجہ نہیں' },
  'activities.gcm-report.withheld-section': { en: 'Not shown: your role does not include these figures.', ur: 'نہیں دکھایا گیا: آپ کے کردار میں یہ اعداد شامل نہیں۔' },
  'activities.gcm-report.protection': { en: 'Protection statistics', ur: 'تحفظ کے اعداد و شمار' },
  'activities.gcm-report.protection-note': {
    en: 'Cases of trafficking in persons whose consent allows statistical reporting, as the dashboard publishes them: counts under 5, and counts from which one could be worked out, are withheld and shown as “x”.',
    ur: 'انسانی اسمگلنگ کے وہ کیس جن کی رضامندی شماریاتی رپورٹنگ کی اجازت دیتی ہے، جیسے ڈیش بورڈ انہیں شائع کرتا ہے: 5 سے کم تعداد، اور وہ تعداد جن سے کوئی کم تعداد معلوم کی جا سکے، روک لی جاتی ہیں اور “x” دکھائی جاتی ہیں۔',
  },
  'activities.gcm-report.protection-month': { en: 'Cases registered per month of the period', ur: 'مدت کے ہر مہینے میں درج کیس' },
  'activities.gcm-report.protection-exploitationType': { en: 'By type of exploitation, {{year}}', ur: 'استحصال کی قسم کے لحاظ سے، {{year}}' },
  'activities.gcm-report.protection-gender': { en: 'By gender, {{year}}', ur: 'صنف کے لحاظ سے، {{year}}' },
  'activities.gcm-report.protection-ageBand': { en: 'By age band, {{year}}', ur: 'عمر کے گروپ کے لحاظ سے، {{year}}' },
  'activities.gcm-report.protection-province': { en: 'By province, {{year}}', ur: 'صوبے کے لحاظ سے، {{year}}' },
  'activities.gcm-report.month': { en: 'Month', ur: 'مہینہ' },
  'activities.gcm-report.category': { en: 'Category', ur: 'زمرہ' },
  'activities.gcm-report.cases': { en: 'Cases', ur: 'کیس' },
  'activities.gcm-report.no-cases': { en: 'No consented case is counted.', ur: 'کوئی رضامند کیس شمار نہیں۔' },
  'activities.gcm-report.unknown': { en: 'Unknown', ur: 'نامعلوم' },
  'activities.gcm-report.activity-status.planned': { en: 'planned', ur: 'منصوبہ بند' },
  'activities.gcm-report.activity-status.ongoing': { en: 'ongoing', ur: 'جاری' },
  'activities.gcm-report.activity-status.completed': { en: 'completed', ur: 'مکمل' },
  'activities.gcm-report.activity-status.suspended': { en: 'suspended', ur: 'معطل' },
  'activities.gcm-report.workplan-status.planned': { en: 'planned', ur: 'منصوبہ بند' },
  'activities.gcm-report.workplan-status.in_progress': { en: 'in progress', ur: 'جاری' },
  'activities.gcm-report.workplan-status.completed': { en: 'completed', ur: 'مکمل' },
  'activities.gcm-report.workplan-status.delayed': { en: 'delayed', ur: 'تاخیر کا شکار' },
  'activities.gcm-report.workplan-status.cancelled': { en: 'cancelled', ur: 'منسوخ' },
  'activities.gcm-report.programme-status.approved': { en: 'approved', ur: 'منظور شدہ' },
  'activities.gcm-report.programme-status.approved_with_conditions': { en: 'approved with conditions', ur: 'شرائط کے ساتھ منظور' },
  'activities.gcm-report.programme-status.active': { en: 'active', ur: 'جاری' },
  'activities.gcm-report.programme-status.operationally_closed': { en: 'operationally closed', ur: 'عملی طور پر بند' },
  'activities.gcm-report.programme-status.financially_closed': { en: 'financially closed', ur: 'مالی طور پر بند' },
  'activities.gcm-report.gender.Feminine': { en: 'Female', ur: 'خاتون' },
  'activities.gcm-report.gender.Masculine': { en: 'Male', ur: 'مرد' },
  'activities.gcm-report.gender.TransgenderFeminine': { en: 'Transgender (feminine)', ur: 'خواجہ سرا (نسوانی)' },
  'activities.gcm-report.gender.TransgenderMasculine': { en: 'Transgender (masculine)', ur: 'خواجہ سرا (مردانہ)' },
  'activities.gcm-report.gender.NonConforming': { en: 'Gender non-conforming', ur: 'غیر روایتی' },
  'activities.gcm-report.gender.NonSpecifiedUnknown': { en: 'Not specified or unknown', ur: 'نامعلوم یا غیر واضح' },
  'activities.gcm-report.exploitation.ForcedLabour': { en: 'Forced labour', ur: 'جبری مشقت' },
  'activities.gcm-report.exploitation.SexualExploitation': { en: 'Sexual exploitation', ur: 'جنسی استحصال' },
  'activities.gcm-report.exploitation.ChildLabour': { en: 'Child labour', ur: 'بچوں سے مشقت' },
  'activities.gcm-report.exploitation.ForcedMarriage': { en: 'Forced marriage', ur: 'جبری شادی' },
  'activities.gcm-report.exploitation.Servitude': { en: 'Servitude', ur: 'غلامانہ خدمت' },
  'activities.gcm-report.exploitation.ForcedMilitaryByNonStateActors': { en: 'Forced military service (non-state actors)', ur: 'غیر ریاستی عناصر کی جبری عسکری خدمت' },
  'activities.gcm-report.exploitation.OrganRemoval': { en: 'Organ removal', ur: 'اعضاء نکالنا' },
  'activities.gcm-report.exploitation.ForcedBegging': { en: 'Forced begging', ur: 'جبری گداگری' },
  'activities.gcm-report.exploitation.ForcedAdoption': { en: 'Forced adoption', ur: 'جبری گود لینا' },
  'activities.gcm-report.exploitation.Surrogacy': { en: 'Surrogacy', ur: 'جبری سروگیسی' },
  'activities.gcm-report.exploitation.Other': { en: 'Other', ur: 'دیگر' },
});

type Key = Parameters<typeof m>[0];

/** The label of a value (a status, a gender) in `language`; a value without one shows as itself. */
export function valueLabel(prefix: string, value: string, language: Language): string {
  const key = `activities.gcm-report.${prefix}.${value}`;
  return hasMessage(key) ? translate(key, language) : value;
}

// ---- Rendering ----------------------------------------------------------------------------------

function reachedTable(reached: FigureTotals, language: Language, t: (key: Key, params?: Record<string, string | number>) => string): ReportBlock {
  return {
    kind: 'table',
    header: [t('activities.gcm-report.total'), ...SEXES.map((s) => t(`activities.gcm-report.sex.${s}`)), ...AGE_BANDS.map((band) => t('activities.gcm-report.age', { band: leftToRight(band, language) }))],
    rows: [[reached.total, ...SEXES.map((s) => reached.bySex[s]), ...AGE_BANDS.map((b) => reached.byAgeBand[b])].map(String)],
  };
}

function protectionBlocks(figures: ProtectionFigures, t: (key: Key, params?: Record<string, string | number>) => string): ReportBlock[] {
  const table = (first: string, items: PublishedCount[]): ReportBlock =>
    items.length === 0 ? { kind: 'paragraph', text: t('activities.gcm-report.no-cases'), muted: true } : { kind: 'table', header: [first, t('activities.gcm-report.cases')], rows: items.map((i) => [i.label, i.display]), weights: [3, 1] };
  return [
    { kind: 'heading', level: 2, text: t('activities.gcm-report.protection') },
    { kind: 'paragraph', text: t('activities.gcm-report.protection-note'), muted: true },
    { kind: 'heading', level: 3, text: t('activities.gcm-report.protection-month') },
    table(t('activities.gcm-report.month'), figures.byMonth),
    ...figures.byDimension.flatMap(({ dimension, items }): ReportBlock[] => [
      { kind: 'heading', level: 3, text: t(`activities.gcm-report.protection-${dimension}`, { year: figures.year }) },
      table(t('activities.gcm-report.category'), items),
    ]),
  ];
}

function objectiveBlocks(section: GcmObjectiveSection, report: GcmReport, t: (key: Key, params?: Record<string, string | number>) => string): ReportBlock[] {
  const language = report.language;
  const withheld: ReportBlock = { kind: 'paragraph', text: t('activities.gcm-report.withheld-section'), muted: true };
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: t('activities.gcm-report.objective', { number: section.number, title: section.title }) },
    { kind: 'heading', level: 2, text: t('activities.gcm-report.activities') },
  ];
  if (section.activities.length === 0) blocks.push({ kind: 'paragraph', text: t('activities.gcm-report.no-activities'), muted: true });
  else {
    blocks.push({
      kind: 'table',
      header: [t('activities.gcm-report.activity'), t('activities.gcm-report.lead'), t('activities.gcm-report.places'), t('activities.gcm-report.status'), t('activities.gcm-report.reached')],
      rows: section.activities.map((a) => [
        a.title,
        a.leadOrganisation,
        a.places.join(language === 'ur' ? '، ' : ', '),
        valueLabel('activity-status', a.status, language),
        a.reached === null ? t('activities.gcm-report.not-reported') : String(a.reached),
      ]),
      weights: [3, 2, 2, 1.2, 1],
    });
    blocks.push(reachedTable(section.reached, language, t));
  }
  blocks.push({ kind: 'heading', level: 2, text: t('activities.gcm-report.workplan') });
  if (section.workplan === null) blocks.push(withheld);
  else if (section.workplan.length === 0) blocks.push({ kind: 'paragraph', text: t('activities.gcm-report.no-workplan'), muted: true });
  else {
    const lines = section.workplan.map((w) =>
      t('activities.gcm-report.workplan-line', { title: w.title, lead: w.lead, status: valueLabel('workplan-status', w.status, language), progress: w.progress }),
    );
    blocks.push({ kind: 'bullets', lines });
  }
  blocks.push({ kind: 'heading', level: 2, text: t('activities.gcm-report.programmes') });
  if (section.programmes === null) blocks.push(withheld);
  else if (section.programmes.length === 0) blocks.push({ kind: 'paragraph', text: t('activities.gcm-report.no-programmes'), muted: true });
  for (const p of section.programmes ?? []) {
    const line = t('activities.gcm-report.programme', {
      code: p.code,
      title: p.title,
      status: valueLabel('programme-status', p.status, language),
      approved: p.approved ?? '0.00',
      funded: p.netFunded,
      spent: p.expenditure,
      rate: p.deliveryRate === null ? '—' : `${p.deliveryRate}%`,
    });
    const indicators = p.indicators.map((i) =>
      t('activities.gcm-report.indicator', {
        statement: i.statement,
        latest: i.latest ?? t('activities.gcm-report.no-result'),
        target: i.target,
        unit: i.unit,
        baseline: i.baseline,
        progress: i.progress === null ? '—' : `${i.progress}%`,
      }),
    );
    blocks.push({ kind: 'bullets', lines: [line, ...indicators.map((i) => `– ${i}`)] });
  }
  if (section.number === PROTECTION_OBJECTIVE) {
    if (report.protection) blocks.push(...protectionBlocks(report.protection, t));
    else blocks.push({ kind: 'heading', level: 2, text: t('activities.gcm-report.protection') }, withheld);
  }
  return blocks;
}

function document(report: GcmReport): ReportDocument {
  const t = (key: Key, params: Record<string, string | number> = {}) => translate(key, report.language, params);
  const ltr = (text: string) => leftToRight(text, report.language);
  // One line a bar: Nastaliq is wider than Noto Sans at the same size.
  const chartLabelLength = report.language === 'ur' ? 55 : 70;
  const chartLabel = (s: GcmObjectiveSection) => {
    const label = `${s.number}. ${s.title}`;
    return label.length > chartLabelLength ? `${label.slice(0, chartLabelLength - 1)}…` : label;
  };
  const gaps = report.gaps;
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: t('activities.gcm-report.summary') },
    {
      kind: 'paragraph',
      text: t('activities.gcm-report.summary-text', {
        activities: report.overall.activities,
        organisations: report.overall.organisations,
        reports: report.overall.reports,
        missing: report.overall.missingReports,
      }),
    },
    { kind: 'heading', level: 2, text: t('activities.gcm-report.reached-heading') },
    reachedTable(report.overall.reached, report.language, t),
    { kind: 'heading', level: 2, text: t('activities.gcm-report.chart-heading') },
    { kind: 'bars', bars: report.objectives.map((s) => ({ label: chartLabel(s), value: s.reached.total, display: String(s.reached.total) })) },
    { kind: 'paragraph', text: t('activities.gcm-report.chart-note'), muted: true },
    { kind: 'heading', level: 1, text: t('activities.gcm-report.gaps-heading') },
    { kind: 'paragraph', text: t('activities.gcm-report.gaps-note'), muted: true },
    gaps.provinces.length === 0
      ? { kind: 'paragraph', text: t('activities.gcm-report.no-provinces'), muted: true }
      : {
          kind: 'table',
          header: [t('activities.gcm-report.objective-short'), ...gaps.provinces.map((p) => p.name)],
          rows: gaps.rows.map((r) => [String(r.objective), ...r.organisations.map((n) => (n === 0 ? '—' : String(n)))]),
        },
    ...report.objectives.flatMap((s) => objectiveBlocks(s, report, t)),
  ];
  return {
    title: t('activities.gcm-report.title', { network: report.networkName, from: ltr(report.period.startsOn), to: ltr(report.period.endsOn) }),
    subtitle: t('activities.gcm-report.subtitle', { kind: t(`activities.gcm-report.kind.${report.period.kind}`), deadline: ltr(report.period.deadline), date: ltr(report.generatedOn) }),
    language: report.language,
    blocks,
  };
}

export function renderGcmReportPdf(report: GcmReport): Promise<Buffer> {
  return renderReportPdf(document(report));
}

export function renderGcmReportDocx(report: GcmReport): Promise<Buffer> {
  return renderReportDocx(document(report));
}
