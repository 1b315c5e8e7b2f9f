import PDFDocument from 'pdfkit';
import { HTCDS_ATTRIBUTION } from '../../../common/htcds';

export interface DocumentSection {
  heading: string;
  lines: Array<[label: string, value: string | null | undefined]>;
}

/**
 * A plain PDF of labelled sections. With a password it is encrypted (AES-256, PDF 1.7ext3): the
 * reader needs the password to open it, and printing is the only right granted beyond reading.
 */
export function renderPdf(title: string, sections: DocumentSection[], password?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: title, Producer: 'Hamsafar' },
      ...(password
        ? { userPassword: password, ownerPassword: `${password}:owner`, pdfVersion: '1.7ext3' as const, permissions: { printing: 'highResolution' as const } }
        : {}),
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(title);
    doc.moveDown();
    for (const section of sections) {
      doc.fontSize(12).text(section.heading, { underline: true });
      doc.fontSize(10);
      for (const [label, value] of section.lines) doc.text(`${label}: ${value ?? '—'}`);
      doc.moveDown();
    }
    doc.fontSize(7).text(`Confidential: protection data. Do not copy or forward. HTCDS field names: ${HTCDS_ATTRIBUTION}`);
    doc.end();
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
