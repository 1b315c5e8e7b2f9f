import ExcelJS from 'exceljs';
import type { DirectoryEntry } from '../../../common/schemas/network';
import { csvCell, neutraliseFormula } from '../../platform/csv';

const COLUMNS: { header: string; value: (e: DirectoryEntry) => string; width: number }[] = [
  { header: 'Organisation', value: (e) => e.nameEn, width: 40 },
  { header: 'Organisation (Urdu)', value: (e) => e.nameUr, width: 40 },
  { header: 'Acronym', value: (e) => e.acronym ?? '', width: 12 },
  { header: 'Type', value: (e) => e.type, width: 20 },
  { header: 'Sector', value: (e) => e.sector ?? '', width: 20 },
  { header: 'Role in network', value: (e) => e.role, width: 14 },
  { header: 'Joined', value: (e) => e.joinedOn, width: 12 },
  { header: 'Left', value: (e) => e.leftOn ?? '', width: 12 },
  { header: 'Focal point', value: (e) => e.focalPoint?.displayName ?? '', width: 28 },
  { header: 'Focal point e-mail', value: (e) => e.focalPoint?.email ?? '', width: 30 },
  { header: 'Alternate', value: (e) => e.alternate?.displayName ?? '', width: 28 },
  { header: 'Alternate e-mail', value: (e) => e.alternate?.email ?? '', width: 30 },
  { header: 'GCM objectives', value: (e) => e.gcmObjectives.join('; '), width: 20 },
  { header: 'Provinces', value: (e) => e.provinces.join('; '), width: 20 },
];

/** UTF-8 with a byte-order mark so spreadsheet programs read the Urdu names correctly. */
export function directoryCsv(entries: DirectoryEntry[]): string {
  const lines = [COLUMNS.map((c) => csvCell(c.header)).join(','), ...entries.map((e) => COLUMNS.map((c) => csvCell(c.value(e))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function directoryXlsx(entries: DirectoryEntry[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hamsafar';
  const sheet = workbook.addWorksheet('Directory', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) sheet.addRow(COLUMNS.map((c) => neutraliseFormula(c.value(e))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
