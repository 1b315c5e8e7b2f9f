/** The 5W table as files: HXL-tagged CSV and XLSX written from records, and rows read back from either. */
import ExcelJS from 'exceljs';
import { csvRow, csvRows, neutraliseFormula, restoreFormulaGuard } from '../../platform/csv';
import type { Column, SheetLookups } from './sheet';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const cells = <R>(columns: Array<Column<R>>, record: R, lookups: SheetLookups) => columns.map((c) => c.value(record, lookups));

/** UTF-8 with a byte-order mark, so spreadsheet programs read the Urdu; the HXL row right under the headers. */
export function sheetCsv<R>(columns: Array<Column<R>>, records: R[], lookups: SheetLookups): string {
  const head = csvRow(columns.map((c) => c.header)) + csvRow(columns.map((c) => c.hxl));
  return `\uFEFF${head}${records.map((r) => csvRow(cells(columns, r, lookups))).join('')}`;
}

export interface ReferenceSheets {
  units: Array<{ code: string; level: number; nameEn: string; nameUr: string | null; parentCode: string | null }>;
  organisations: Array<{ name: string; nameEn: string; type: string }>;
}

export async function sheetXlsx<R>(name: string, columns: Array<Column<R>>, records: R[], lookups: SheetLookups, references?: ReferenceSheets): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hamsafar';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(columns.map((c) => c.hxl));
  for (const r of records) sheet.addRow(cells(columns, r, lookups).map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
  if (references) {
    const units = workbook.addWorksheet('Places');
    units.columns = [
      { header: 'Code', width: 12 },
      { header: 'Level', width: 8 },
      { header: 'Name', width: 28 },
      { header: 'Name (Urdu)', width: 28 },
      { header: 'Parent code', width: 12 },
    ];
    units.addRow(['#adm1+code', '#meta+type', '#loc+name+i_en', '#loc+name+i_ur', '#adm1+code']);
    for (const u of references.units) units.addRow([u.code, u.level, u.nameEn, u.nameUr, u.parentCode]);
    const orgs = workbook.addWorksheet('Organisations');
    orgs.columns = [
      { header: 'Lead organisation (as written in the table)', width: 28 },
      { header: 'Name', width: 40 },
      { header: 'Type', width: 16 },
    ];
    orgs.addRow(['#org+name', '#org+name+i_en', '#org+type']);
    for (const o of references.organisations) orgs.addRow([o.name, o.nameEn, o.type]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const SHEET_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: XLSX_TYPE } as const;

/** Text of an XLSX cell as the CSV would hold it: dates as YYYY-MM-DD, numbers as written. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

const ROWS_BETWEEN_PAUSES = 2000;

/**
 * The rows of the first sheet of an uploaded file (XLSX by its type, CSV otherwise), cells trimmed
 * and un-guarded. A CSV is read with pauses, so a large file does not hold up other requests.
 */
export async function readSheet(data: Buffer, mimeType: string): Promise<string[][]> {
  const clean = (r: string[]) => r.map((c) => restoreFormulaGuard(c.trim()));
  if (mimeType === XLSX_TYPE) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow({ includeEmpty: true }, (row, n) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => (values[col - 1] = cellText(cell.value)));
      rows[n - 1] = Array.from(values, (v) => v ?? '');
    });
    return Array.from(rows, (r) => clean(r ?? []));
  }
  const rows: string[][] = [];
  for (const row of csvRows(data.toString('utf8'))) {
    rows.push(clean(row));
    if (rows.length % ROWS_BETWEEN_PAUSES === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return rows;
}
