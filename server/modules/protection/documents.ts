import { HTCDS_ATTRIBUTION } from '../../../common/htcds';
import { buildPdf, writeText } from '../../platform/pdf';

export interface DocumentSection {
  heading: string;
  lines: Array<[label: string, value: string | null | undefined]>;
}

/**
 * A plain PDF of labelled sections; names and values in Urdu are written in Nastaliq. With a
 * password it is encrypted (see `buildPdf`).
 */
export function renderPdf(title: string, sections: DocumentSection[], password?: string): Promise<Buffer> {
  return buildPdf({ title, password }, (doc) => {
    writeText(doc, title, { style: 'bold', size: 16, direction: 'ltr' });
    doc.moveDown();
    for (const section of sections) {
      writeText(doc, section.heading, { style: 'bold', size: 12 });
      for (const [label, value] of section.lines) writeText(doc, `${label}: ${value ?? '—'}`, { size: 10, direction: 'ltr' });
      doc.moveDown();
    }
    writeText(doc, `Confidential: protection data. Do not copy or forward. HTCDS field names: ${HTCDS_ATTRIBUTION}`, { size: 7 });
  });
}

/** The shared subset of a referral as document sections, one per field group. */
export function sharedSubsetSections(shared: Record<string, unknown>): DocumentSection[] {
  return Object.entries(shared).map(([group, value]) => ({
    heading: group,
    lines:
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, formatValue(v)] as [string, string])
        : [[group, formatValue(value)]],
  }));
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
