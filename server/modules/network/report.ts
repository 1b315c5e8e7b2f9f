import { renderReportDocx, renderReportPdf, type ReportBlock, type ReportDocument } from '../../platform/report-document';

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

function document(report: ProgressReport): ReportDocument {
  const blocks: ReportBlock[] = [];
  for (const section of report.sections) {
    blocks.push({ kind: 'heading', level: 1, text: sectionHeading(section) });
    for (const block of blocksOf(section)) {
      blocks.push({ kind: 'heading', level: 2, text: block.heading });
      blocks.push(block.lines.length === 0 ? { kind: 'paragraph', text: block.empty, muted: true } : { kind: 'bullets', lines: block.lines });
    }
  }
  if (report.sections.length === 0) blocks.push({ kind: 'paragraph', text: 'Nothing was decided, done or due in this period.' });
  return {
    title: `${report.networkName}: progress report ${report.from} to ${report.to}`,
    subtitle: `Generated on ${report.generatedOn}. Grouped by objective of the Global Compact for Migration.`,
    language: 'en',
    blocks,
  };
}

export function renderPdf(report: ProgressReport): Promise<Buffer> {
  return renderReportPdf(document(report));
}

export function renderDocx(report: ProgressReport): Promise<Buffer> {
  return renderReportDocx(document(report));
}
