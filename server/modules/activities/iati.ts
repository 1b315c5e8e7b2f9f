import gcm from '../../../common/reference/gcm.json';
import type { ActivitySector, ActivityStatus } from '../../../common/activities';
import type { OrganisationType } from '../../../common/organisations';
import { el, escape, GCM_VOCABULARY_URI, iatiActivitiesDocument, iatiDateTime, MIGRATION_DAC_SECTOR, narrative, type Node } from '../../platform/iati';
import type { ActivityRow } from './repository';

/**
 * IATI 2.03 activity file of one organisation's activities that the fund does not report (the MMPTF
 * publishes its programmes itself). Code lists used:
 * - OrganisationType for Hamsafar's organisation types;
 * - OrganisationRole: 1 funding (the donor, or the organisation itself for own funds), 2 accountable
 *   (the lead organisation), 4 implementing (the partners);
 * - ActivityStatus and ActivityDateType (1 planned start, 2 actual start, 3 planned end, 4 actual end);
 * - sectors twice, one code per vocabulary: DAC 5-digit 15190 (vocabulary 1), which every GCM
 *   activity falls under, and Hamsafar's own sector list (vocabulary 99, the reporting organisation's);
 * - tags: GCM objectives (vocabulary 99, code GCM-n) and SDG targets (vocabulary 3).
 */

/** IATI OrganisationType: 10 government, 21 international NGO, 24 partner-country NGO, 40 multilateral, 70 private sector, 80 academic, 90 other. */
export const IATI_ORGANISATION_TYPE: Record<OrganisationType, number> = {
  government: 10,
  un_entity: 40,
  civil_society: 24,
  international_partner: 21,
  academia: 80,
  private_sector: 70,
  // A donor may be a government, a foundation or a multilateral: Hamsafar does not know which.
  donor: 90,
};

/**
 * IATI ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 6 suspended. A completed activity
 * is in finalisation, not closed (4): Hamsafar does not know whether its finances are signed off.
 */
export const IATI_ACTIVITY_STATUS: Record<ActivityStatus, number> = { planned: 1, ongoing: 2, completed: 3, suspended: 6 };

/** Hamsafar's sector list as the reporting organisation's sector vocabulary (99): the code is the sector's key. */
export const SECTOR_NAMES: Record<ActivitySector, string> = {
  protection: 'Protection',
  counter_trafficking: 'Counter-trafficking',
  labour_migration: 'Labour migration',
  return_reintegration: 'Return and reintegration',
  border_management: 'Border management',
  legal_identity: 'Legal identity',
  data_evidence: 'Data and evidence',
  climate_mobility: 'Climate mobility',
  migrant_health: 'Migrant health',
  social_cohesion: 'Social cohesion',
};

export interface IatiOrganisation {
  name_en: string;
  name_ur: string;
  type: string;
  iati_organisation_id: string | null;
}

export interface IatiActivity {
  row: ActivityRow;
  partners: IatiOrganisation[];
  places: Array<{ name_en: string; name_ur: string | null; country: string }>;
}

export interface IatiFileContext {
  reporter: IatiOrganisation & { iati_organisation_id: string };
  generatedAt: Date;
  /** Today in the network's time zone: a date after it is planned, never actual. */
  today: string;
  /** Where an activity that names no place is: the country of the network's gazetteer. */
  defaultCountry: string | null;
}

const gcmObjectives = new Map(gcm.objectives.map((o) => [o.number, o]));

/** English narrative, then the Urdu one (xml:lang="ur") when there is one. */
function narratives(en: string, ur: string | null | undefined): Node[] {
  return ur ? [narrative(en), narrative(ur, 'ur')] : [narrative(en)];
}

function organisationElement(org: IatiOrganisation, role: number): Node {
  return el('participating-org', { ref: org.iati_organisation_id ?? undefined, type: IATI_ORGANISATION_TYPE[org.type as OrganisationType], role }, ...narratives(org.name_en, org.name_ur));
}

/** Planned dates until they happen: a start is actual once the activity has begun, an end once it is completed. */
function activityDates(row: ActivityRow, today: string): Node[] {
  const started = row.status !== 'planned' && row.starts_on <= today;
  const ended = row.status === 'completed' && row.ends_on <= today;
  return [el('activity-date', { type: started ? 2 : 1, 'iso-date': row.starts_on }), el('activity-date', { type: ended ? 4 : 3, 'iso-date': row.ends_on })];
}

function activityElement(activity: IatiActivity, context: IatiFileContext): Node {
  const { row, partners, places } = activity;
  const reporter = context.reporter;
  const funding =
    row.funding_kind === 'other_donor' && row.donor_name
      ? el('participating-org', { role: 1 }, narrative(row.donor_name))
      : organisationElement(reporter, 1);
  const countries = [...new Set(places.map((p) => p.country))];
  if (countries.length === 0 && context.defaultCountry) countries.push(context.defaultCountry);
  return el(
    'iati-activity',
    { 'last-updated-datetime': iatiDateTime(row.updated_at), 'xml:lang': 'en' },
    el('iati-identifier', {}, escape(`${reporter.iati_organisation_id}-${row.id}`)),
    el('reporting-org', { ref: reporter.iati_organisation_id, type: IATI_ORGANISATION_TYPE[reporter.type as OrganisationType] }, ...narratives(reporter.name_en, reporter.name_ur)),
    el('title', {}, ...narratives(row.title_en, row.title_ur)),
    // The schema requires a description: an activity recorded without one is described by its title.
    el('description', { type: 1 }, ...narratives(row.description_en || row.title_en, row.description_ur)),
    funding,
    organisationElement(reporter, 2),
    ...partners.map((p) => organisationElement(p, 4)),
    el('activity-status', { code: IATI_ACTIVITY_STATUS[row.status] }),
    ...activityDates(row, context.today),
    // With several countries IATI wants percentages, which Hamsafar does not record: they are left out.
    ...countries.map((code) => el('recipient-country', { code, percentage: countries.length === 1 ? 100 : undefined })),
    ...places.map((p) => el('location', {}, el('name', {}, ...narratives(p.name_en, p.name_ur)), el('location-class', { code: 1 }))),
    el('sector', { vocabulary: 1, code: MIGRATION_DAC_SECTOR.code, percentage: 100 }, narrative(MIGRATION_DAC_SECTOR.name)),
    el('sector', { vocabulary: 99, code: row.sector, percentage: 100 }, narrative(SECTOR_NAMES[row.sector])),
    ...row.gcm_objectives.map((n) => {
      const objective = gcmObjectives.get(n);
      return el('tag', { vocabulary: 99, 'vocabulary-uri': GCM_VOCABULARY_URI, code: `GCM-${n}` }, ...narratives(`GCM objective ${n}: ${objective?.title ?? ''}`.trim(), objective?.title_ur && `GCM مقصد ${n}: ${objective.title_ur}`));
    }),
    ...row.sdg_targets.map((code) => el('tag', { vocabulary: 3, code })),
  );
}

/** The IATI file of an organisation's activities; the caller gives at least one (the schema requires one). */
export function iatiActivitiesXml(activities: IatiActivity[], context: IatiFileContext): string {
  return iatiActivitiesDocument(
    activities.map((a) => activityElement(a, context)),
    context.generatedAt,
  );
}
