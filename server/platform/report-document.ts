import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Language } from './i18n';
import { buildPdf, writeText } from './pdf';

/**
 * A report as a list of blocks, rendered to PDF (pdfkit, through `writeText`) and to DOCX from the
 * same list, so a report module says what it shows once. An Urdu report is laid out right to left:
 * in the PDF every paragraph gets that base direction, in the DOCX every paragraph is bidirectional,
 * tables run from the right, and Urdu text is set in Noto Nastaliq Urdu.
 */
export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'bullets'; lines: string[] }
  /** `weights`: the columns' relative widths, equal when left out. */
  | { kind: 'table'; header: string[]; rows: string[][]; weights?: number[] }
  /** A horizontal bar chart: one bar a label, its length proportional to `value`, `display` written beside it. */
  | { kind: 'bars'; bars: Array<{ label: string; value: number; display: string }> };

export const REPORT_CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export interface ReportDocument {
  title: string;
  /** A line under the title (when it was made, what it covers). */
  subtitle?: string;
  language: Language;
  blocks: ReportBlock[];
}

const ARABIC_SCRIPT = /\p{Script_Extensions=Arabic}/u;

/**
 * A date or range (2026-07-01, 18-59) kept left to right inside Urdu text: after Arabic letters the
 * bidi algorithm reads its digits as Arabic numbers and would show 01-07-2026. Left-to-right marks
 * around it make it one left-to-right number, in the PDF and in Word alike.
 */
export function leftToRight(text: string, language: Language): string {
  return language === 'ur' ? `\u200e${text}\u200e` : text;
}
const MUTED = '#555555';
const BAR = '#2b6cb0';

// ---- PDF --------------------------------------------------------------------------------------

export function renderReportPdf(report: ReportDocument): Promise<Buffer> {
  const direction = report.language === 'ur' ? 'rtl' : 'ltr';
  return buildPdf({ title: report.title }, (doc) => {
    writeText(doc, report.title, { style: 'bold', size: 16, direction });
    if (report.subtitle) writeText(doc.fillColor(MUTED), report.subtitle, { size: 9, direction }).fillColor('#000');
    for (const block of report.blocks) pdfBlock(doc, block, direction);
  });
}

type Direction = 'ltr' | 'rtl';

function pdfBlock(doc: PDFKit.PDFDocument, block: ReportBlock, direction: Direction) {
  switch (block.kind) {
    case 'heading': {
      const [space, size] = block.level === 1 ? [1, 12] : block.level === 2 ? [0.3, 10] : [0.2, 9];
      writeText(doc.moveDown(space), block.text, { style: 'bold', size, direction });
      return;
    }
    case 'paragraph':
      if (block.muted) writeText(doc.fillColor(MUTED), block.text, { size: 10, direction }).fillColor('#000');
      else writeText(doc, block.text, { size: 10, direction });
      return;
    case 'bullets':
      for (const line of block.lines) writeText(doc, `• ${line}`, { size: 10, indent: 10, direction });
      return;
    case 'table':
      pdfTable(doc, block, direction);
      return;
    case 'bars':
      pdfBars(doc, block, direction);
  }
}

function contentBox(doc: PDFKit.PDFDocument) {
  const left = doc.page.margins.left;
  return { left, width: doc.page.width - left - doc.page.margins.right };
}

/** A cell's text starts on its paragraph's side, figures and Latin names in an Urdu table too. */
const start = (direction: Direction) => (direction === 'rtl' ? 'right' : 'left');

/** Columns from `start` on the paragraph's side: left to right, or right to left in Urdu. */
function columnLefts(left: number, width: number, widths: number[], direction: Direction): number[] {
  let offset = 0;
  return widths.map((w) => {
    const x = direction === 'rtl' ? left + width - offset - w : left + offset;
    offset += w;
    return x;
  });
}

function pdfTable(doc: PDFKit.PDFDocument, block: Extract<ReportBlock, { kind: 'table' }>, direction: Direction) {
  const { left, width } = contentBox(doc);
  const weights = block.weights ?? block.header.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (width * w) / sum);
  const lefts = columnLefts(left, width, widths, direction);
  const row = (cells: string[], style: 'bold' | 'regular') => {
    if (doc.y + 24 > doc.page.maxY()) doc.addPage();
    const top = doc.y;
    let bottom = top;
    cells.forEach((cell, i) => {
      writeText(doc, cell, { x: lefts[i] + 2, y: top + 2, width: widths[i] - 4, size: 8, style, direction, align: start(direction) });
      bottom = Math.max(bottom, doc.y);
    });
    doc.moveTo(left, bottom + 2).lineTo(left + width, bottom + 2).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.x = left;
    doc.y = bottom + 3;
  };
  doc.moveDown(0.2);
  row(block.header, 'bold');
  for (const cells of block.rows) row(cells, 'regular');
}

function pdfBars(doc: PDFKit.PDFDocument, block: Extract<ReportBlock, { kind: 'bars' }>, direction: Direction) {
  const { left, width } = contentBox(doc);
  const widths = [width * 0.45, width * 0.43, width * 0.12];
  const [labelX, barX, valueX] = columnLefts(left, width, widths, direction);
  const max = Math.max(1, ...block.bars.map((b) => b.value));
  doc.moveDown(0.2);
  for (const bar of block.bars) {
    if (doc.y + 14 > doc.page.maxY()) doc.addPage();
    const top = doc.y;
    writeText(doc, bar.label, { x: labelX + 2, y: top, width: widths[0] - 6, size: 8, direction, align: start(direction) });
    const labelBottom = doc.y;
    const length = Math.max(bar.value > 0 ? 1 : 0, (widths[1] * bar.value) / max);
    // The bar starts next to its label: from the left in English, from the right in Urdu.
    const x = direction === 'rtl' ? barX + widths[1] - length : barX;
    if (length > 0) doc.rect(x, top + 2, length, 7).fill(BAR).fillColor('#000');
    writeText(doc, bar.display, { x: valueX + 2, y: top, width: widths[2] - 4, size: 8, direction, align: start(direction) });
    doc.x = left;
    doc.y = Math.max(labelBottom, doc.y, top + 11) + 1;
  }
}

// ---- DOCX ---------------------------------------------------------------------------------------

/** Latin text in Noto Sans, Urdu (complex script) in Noto Nastaliq Urdu, as in the PDF. */
const FONTS = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Nastaliq Urdu' };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
}

function run(text: string, style: RunStyle = {}): TextRun {
  // A run with Urdu letters is a right-to-left run; Latin names and figures inside an Urdu report stay left to right.
  const rightToLeft = ARABIC_SCRIPT.test(text);
  return new TextRun({ text, font: FONTS, rightToLeft, language: { value: 'en-GB', bidirectional: 'ur-PK' }, ...style, ...(style.size ? { sizeComplexScript: style.size } : {}) });
}

function paragraph(text: string, rtl: boolean, options: { style?: RunStyle; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; bullet?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, options.style)],
    bidirectional: rtl,
    ...(options.heading ? { heading: options.heading } : {}),
    ...(options.bullet ? { bullet: { level: 0 } } : {}),
  });
}

function docxTable(header: string[], rows: string[][], rtl: boolean, weights?: number[]): Table {
  const sum = (weights ?? header.map(() => 1)).reduce((a, b) => a + b, 0);
  const widthOf = (i: number) => Math.round(((weights?.[i] ?? 1) / sum) * 100);
  const cells = (values: string[], style: RunStyle) =>
    values.map((value, i) => new TableCell({ width: { size: widthOf(i), type: WidthType.PERCENTAGE }, children: [paragraph(value, rtl, { style: { size: 16, ...style } })] }));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    visuallyRightToLeft: rtl,
    rows: [new TableRow({ tableHeader: true, children: cells(header, { bold: true }) }), ...rows.map((r) => new TableRow({ children: cells(r, {}) }))],
  });
}

/** The bars of a chart as text in a table: honest lengths in whole steps of a twentieth of the longest. */
const BAR_STEPS = 20;

function docxBars(block: Extract<ReportBlock, { kind: 'bars' }>, rtl: boolean): Table {
  const max = Math.max(1, ...block.bars.map((b) => b.value));
  const cell = (children: Paragraph[], size: number) => new TableCell({ width: { size, type: WidthType.PERCENTAGE }, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    visuallyRightToLeft: rtl,
    rows: block.bars.map((bar) => {
      const steps = bar.value > 0 ? Math.max(1, Math.round((bar.value / max) * BAR_STEPS)) : 0;
      return new TableRow({
        children: [
          cell([paragraph(bar.label, rtl, { style: { size: 16 } })], 45),
          cell([new Paragraph({ bidirectional: rtl, children: [new TextRun({ text: '█'.repeat(steps), color: BAR.slice(1), font: FONTS, size: 16 })] })], 43),
          cell([paragraph(bar.display, rtl, { style: { size: 16 } })], 12),
        ],
      });
    }),
  });
}

export function renderReportDocx(report: ReportDocument): Promise<Buffer> {
  const rtl = report.language === 'ur';
  const headings = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const children: Array<Paragraph | Table> = [paragraph(report.title, rtl, { heading: HeadingLevel.TITLE })];
  if (report.subtitle) children.push(paragraph(report.subtitle, rtl, { style: { italics: true } }));
  for (const block of report.blocks) {
    if (block.kind === 'heading') children.push(paragraph(block.text, rtl, { heading: headings[block.level] }));
    else if (block.kind === 'paragraph') children.push(paragraph(block.text, rtl, block.muted ? { style: { italics: true } } : {}));
    else if (block.kind === 'bullets') children.push(...block.lines.map((line) => paragraph(line, rtl, { bullet: true })));
    else if (block.kind === 'table') children.push(docxTable(block.header, block.rows, rtl, block.weights), new Paragraph(''));
    else children.push(docxBars(block, rtl), new Paragraph(''));
  }
  return Packer.toBuffer(
    new Document({
      creator: 'Hamsafar',
      title: report.title,
      styles: { default: { document: { run: { font: FONTS } } } },
      sections: [{ properties: {}, children }],
    }),
  );
}
