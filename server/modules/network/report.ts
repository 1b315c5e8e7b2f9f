import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { buildPdf, writeText } from '../../platform/pdf';

/** The progress report of a period, grouped by GCM objective; rendered to PDF and DOCX from this one shape. */
export interface ProgressReport {
  networkName: string;
  from: string;
  to: string;
  generatedOn: string;
  sections: ReportSection[];
}

export interface ReportSection {
  /** null: lines tied to no GCM objective. */
  objective: number | null;
  title: string;
  decisions: { number: string; text: string; date: string }[];
  done: { title: string; owner: string; date: string }[];
  overdue: { title: string; owner: string; dueDate: string }[];
  workplan: { title: string; lead: string; status: string; progress: number }[];
}

function sectionHeading(section: ReportSection): string {
  return section.objective === null ? section.title : `GCM objective ${section.objective}: ${section.title}`;
}

interface Block {
  heading: string;
  lines: string[];
  empty: string;
}

function blocksOf(section: ReportSection): Block[] {
  return [
    { heading: 'Decided', lines: section.decisions.map((d) => `${d.number} (${d.date}): ${d.text}`), empty: 'No decisions in the period.' },
    { heading: 'Done', lines: section.done.map((d) => `${d.title}, ${d.owner} (${d.date})`), empty: 'No action point completed in the period.' },
    { heading: 'Overdue', lines: section.overdue.map((d) => `${d.title}, ${d.owner} (due ${d.dueDate})`), empty: 'Nothing overdue.' },
    { heading: 'Workplan', lines: section.workplan.map((w) => `${w.title}, led by ${w.lead}: ${w.status.replace('_', ' ')}, ${w.progress}%`), empty: 'No workplan line in the period.' },
  ];
}

function title(report: ProgressReport): string {
  return `${report.networkName}: progress report ${report.from} to ${report.to}`;
}

export function renderPdf(report: ProgressReport): Promise<Buffer> {
  return buildPdf({ title: title(report) }, (doc) => {
    writeText(doc, title(report), { style: 'bold', size: 16, direction: 'ltr' });
    doc.fillColor('#555');
    writeText(doc, `Generated on ${report.generatedOn}. Grouped by objective of the Global Compact for Migration.`, { size: 9 });
    doc.fillColor('#000');
    for (const section of report.sections) {
      writeText(doc.moveDown(1), sectionHeading(section), { style: 'bold', size: 12, direction: 'ltr' });
      for (const block of blocksOf(section)) {
        writeText(doc.moveDown(0.3), block.heading, { style: 'bold', size: 10 });
        if (block.lines.length === 0) writeText(doc.fillColor('#555'), block.empty, { size: 10 }).fillColor('#000');
        for (const line of block.lines) writeText(doc, `• ${line}`, { size: 10, indent: 10, direction: 'ltr' });
      }
    }
    if (report.sections.length === 0) writeText(doc.moveDown(), 'Nothing was decided, done or due in this period.', { size: 10 });
  });
}

export function renderDocx(report: ProgressReport): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: title(report), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `Generated on ${report.generatedOn}. Grouped by objective of the Global Compact for Migration.`, italics: true })] }),
  ];
  for (const section of report.sections) {
    children.push(new Paragraph({ text: sectionHeading(section), heading: HeadingLevel.HEADING_1 }));
    for (const block of blocksOf(section)) {
      children.push(new Paragraph({ text: block.heading, heading: HeadingLevel.HEADING_2 }));
      if (block.lines.length === 0) children.push(new Paragraph({ children: [new TextRun({ text: block.empty, italics: true })] }));
      for (const line of block.lines) children.push(new Paragraph({ text: line, bullet: { level: 0 } }));
    }
  }
  if (report.sections.length === 0) children.push(new Paragraph('Nothing was decided, done or due in this period.'));
  return Packer.toBuffer(new Document({ creator: 'Hamsafar', title: title(report), sections: [{ children }] }));
}
