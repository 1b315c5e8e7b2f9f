/**
 * Writing IATI 2.03 activity files (iati-activities-schema.xsd), shared by the fund's programme
 * file and the activities module's organisation file: elements written as escaped XML text, in
 * the order the schema enforces.
 */

/** The child elements of iati-activity in the order of the 2.03 schema's sequence. */
export const ACTIVITY_ELEMENT_ORDER = [
  'iati-identifier', 'reporting-org', 'title', 'description', 'participating-org', 'other-identifier', 'activity-status',
  'activity-date', 'contact-info', 'activity-scope', 'recipient-country', 'recipient-region', 'location', 'sector', 'tag',
  'country-budget-items', 'humanitarian-scope', 'policy-marker', 'collaboration-type', 'default-flow-type',
  'default-finance-type', 'default-aid-type', 'default-tied-status', 'budget', 'planned-disbursement', 'capital-spend',
  'transaction', 'document-link', 'related-activity', 'legacy-data', 'conditions', 'result', 'crs-add', 'fss',
] as const;

/** The Global Compact for Migration, the vocabulary of the GCM objective tags (TagVocabulary 99). */
export const GCM_VOCABULARY_URI = 'https://www.un.org/en/development/desa/population/migration/generalassembly/docs/globalcompact/A_RES_73_195.pdf';

/** DAC 5-digit purpose code of migration work (Sector vocabulary 1), the one every GCM activity falls under. */
export const MIGRATION_DAC_SECTOR = { code: 15190, name: 'Facilitation of orderly, safe, regular and responsible migration and mobility' } as const;

export type Attributes = Record<string, string | number | undefined>;
export type Node = string;

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An element; attributes left undefined are not written. Children are XML already (escape text with `escape`). */
export function el(name: string, attributes: Attributes = {}, ...children: Node[]): Node {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** A narrative in the activity's default language, or in `lang` (xml:lang) when given. */
export const narrative = (text: string, lang?: string) => el('narrative', { 'xml:lang': lang }, escape(text));

/** xsd:dateTime without milliseconds, as IATI tools expect. */
export const iatiDateTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The iati-activities document around its activities. */
export function iatiActivitiesDocument(activities: Node[], generatedAt: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('iati-activities', { version: '2.03', 'generated-datetime': iatiDateTime(generatedAt) }, ...activities)}\n`;
}
