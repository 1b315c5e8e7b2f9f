import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderPdf as renderProtectionPdf } from '../modules/protection/documents';
import { renderPdf as renderProgressReport } from '../modules/network/report';
import { buildPdf, writeText, type WriteOptions } from './pdf';

// A reader of what pdfkit writes (uncompressed dictionaries, Flate streams, Identity-H Type0 fonts):
// enough to see which font draws which glyphs where, what those glyphs map back to, and the text
// the Urdu spans carry.

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = match[2];
    const streamAt = body.indexOf('\nstream\n');
    if (streamAt === -1) {
      found.set(Number(match[1]), { dict: body });
      continue;
    }
    const start = match.index! + match[0].indexOf(body) + streamAt + '\nstream\n'.length;
    const length = Number(/\/Length (\d+)/.exec(body.slice(0, streamAt))![1]);
    found.set(Number(match[1]), { dict: body.slice(0, streamAt), stream: inflateSync(pdf.subarray(start, start + length)) });
  }
  return found;
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)![1]);

/** Glyph id to text, from a ToUnicode CMap as pdfkit writes it (bfrange arrays). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/g)) {
    [...list.matchAll(/<([0-9a-f]*)>/g)].forEach(([, hex], i) => {
      const units = hex.match(/.{4}/g)?.map((u) => parseInt(u, 16)) ?? [];
      map.set(parseInt(from, 16) + i, String.fromCharCode(...units));
    });
  }
  return map;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** A PDF literal string (with its escapes) as text; UTF-16BE after a byte order mark. */
function literal(raw: string): string {
  const bytes = raw.replace(/\\([nrtbf()\\])/g, (_, c: string) => ESCAPES[c] ?? c);
  return bytes.startsWith('\xfe\xff') ? Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le') : bytes;
}

interface Show {
  font: string;
  x: number;
  y: number;
  glyphs: number[];
  /** What the glyphs map back to, in drawing order (left to right). */
  drawn: string;
  /** The ActualText of the span the glyphs are in. */
  actual?: string;
}

interface Page {
  fonts: string[];
  shows: Show[];
}

function read(pdf: Buffer): { pages: Page[]; embedded: Map<string, Buffer> } {
  const all = objects(pdf);
  const embedded = new Map<string, Buffer>();
  for (const { dict } of all.values()) {
    if (!dict.includes('/Type /FontDescriptor')) continue;
    const name = /\/FontName \/[A-Z]{6}\+(\S+)/.exec(dict)![1];
    embedded.set(name, all.get(ref(dict, 'FontFile2'))!.stream!);
  }
  const pages: Page[] = [];
  for (const { dict } of all.values()) {
    if (!dict.includes('/Type /Page\n')) continue;
    const resources = all.get(ref(dict, 'Resources'))!.dict;
    const fonts = new Map<string, { name: string; glyphs: Map<number, string> }>();
    for (const [, resource, id] of resources.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = all.get(Number(id))!.dict;
      fonts.set(resource, {
        name: /\/BaseFont \/[A-Z]{6}\+(\S+)/.exec(font)![1],
        glyphs: toUnicode(all.get(ref(font, 'ToUnicode'))!.stream!.toString('latin1')),
      });
    }
    const content = all.get(ref(dict, 'Contents'))!.stream!.toString('latin1');
    const shows: Show[] = [];
    let actual: string | undefined;
    let current: Show | undefined;
    let font: { name: string; glyphs: Map<number, string> } | undefined;
    const ops = /\/ActualText \(((?:\\.|[^\\)])*)\)\n>> BDC|EMC|BT|ET|([\d.-]+) ([\d.-]+) Tm|\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g;
    for (const [op, actualText, x, y, resource, array] of content.matchAll(ops)) {
      if (actualText !== undefined) actual = literal(actualText);
      else if (op === 'EMC') actual = undefined;
      else if (op === 'BT') current = undefined;
      else if (resource) font = fonts.get(resource);
      else if (x !== undefined && !current) {
        current = { font: font?.name ?? '', x: Number(x), y: Number(y), glyphs: [], drawn: '', actual };
        shows.push(current);
      } else if (array !== undefined && current) {
        current.font = font!.name;
        for (const [, hex] of array.matchAll(/<([0-9a-f]+)>/g)) {
          for (const gid of hex.match(/.{4}/g)!.map((g) => parseInt(g, 16))) {
            current.glyphs.push(gid);
            current.drawn += font!.glyphs.get(gid) ?? '';
          }
        }
      }
    }
    pages.push({ fonts: [...fonts.values()].map((f) => f.name), shows });
  }
  return { pages, embedded };
}

/** The shows of one page grouped into lines (top to bottom), each left to right. */
function lines(page: Page): Show[][] {
  const byLine = new Map<number, Show[]>();
  for (const show of page.shows) byLine.set(show.y, [...(byLine.get(show.y) ?? []), show]);
  return [...byLine.entries()].sort(([a], [b]) => b - a).map(([, shows]) => shows.sort((a, b) => a.x - b.x));
}

/** A line as it reads on paper, left to right: Latin as drawn, each Nastaliq run as ⟨its text⟩. */
function visual(line: Show[]): string {
  return line.map((s) => (s.font.startsWith('NotoNastaliqUrdu') ? `⟨${s.actual}⟩` : s.drawn)).join('');
}

async function written(...texts: Array<[string, WriteOptions?]>) {
  const pdf = await buildPdf({ title: 'Test' }, (doc) => {
    for (const [text, options] of texts) writeText(doc, text, { size: 10, ...options });
  });
  return read(pdf);
}

const NASTALIQ = 'NotoNastaliqUrdu-Regular';
const ARABIC_LETTER = /\p{Script=Arabic}/u;

describe('PDF text in Urdu and Latin', () => {
  it('embeds Noto Nastaliq Urdu for an Urdu name and draws its letters with it, right-aligned', async () => {
    const { pages, embedded } = await written(['محمد علی خان']);
    expect(pages).toHaveLength(1);
    expect(pages[0].fonts).toContain(NASTALIQ);
    // An embedded TrueType subset: the glyph outlines are in the file.
    const font = embedded.get(NASTALIQ)!;
    expect(['true', '\x00\x01\x00\x00']).toContain(font.subarray(0, 4).toString('latin1'));
    expect(font.includes('glyf', 0, 'latin1')).toBe(true);

    const [line] = lines(pages[0]);
    expect(line).toHaveLength(1);
    const [name] = line;
    expect(name).toMatchObject({ font: NASTALIQ, actual: 'محمد علی خان' });
    // Every glyph is a real one (no .notdef), and those that stand for a character stand for the name's letters.
    expect(name.glyphs).not.toContain(0);
    expect(name.drawn.length).toBeGreaterThan(0);
    expect(new Set(name.drawn.replaceAll(' ', ''))).toEqual(new Set('محمد علی خان'.replaceAll(' ', '')));
    // Right-aligned on A4 (595 pt wide, 50 pt margins): a short name starts well right of the middle.
    expect(name.x).toBeGreaterThan(400);
  });

  it('draws the words of an Urdu name from right to left: its first word at the right end', async () => {
    const { pages } = await written(['محمد'], ['خان'], ['محمد علی خان']);
    const [[first], [last], [name]] = lines(pages[0]);
    // Glyphs are drawn left to right, so the glyphs of خان, each word shaped as when alone, come first.
    expect(name.glyphs.slice(0, last.glyphs.length)).toEqual(last.glyphs);
    expect(name.glyphs.slice(-first.glyphs.length)).toEqual(first.glyphs);
  });

  it('shapes words whose dots have no anchor in the font for their letter, where fontkit alone throws', async () => {
    const { pages } = await written(['رہتے مزید'], ['رہتے مزید', { style: 'bold' }]);
    const [regular, bold] = lines(pages[0]);
    expect(regular).toMatchObject([{ font: NASTALIQ, actual: 'رہتے مزید' }]);
    expect(bold).toMatchObject([{ font: 'NotoNastaliqUrdu-Bold', actual: 'رہتے مزید' }]);
    expect([...regular[0].glyphs, ...bold[0].glyphs]).not.toContain(0);
  });

  it('keeps Latin text in Noto Sans and never falls back to Helvetica', async () => {
    const pdf = await buildPdf({ title: 'Test' }, (doc) => {
      writeText(doc, 'Case PK-2025-0042', { style: 'bold', size: 16 });
      writeText(doc, 'Name: Zarghuna — “quoted” • bullet', { size: 10 });
      writeText(doc, 'Output: italic', { style: 'italic', size: 10 });
    });
    expect(pdf.toString('latin1')).not.toContain('Helvetica');
    const { pages } = read(pdf);
    expect(pages[0].fonts.sort()).toEqual(['NotoSans-Bold', 'NotoSans-Italic', 'NotoSans-Regular']);
    expect(lines(pages[0]).map((line) => line.map((s) => [s.font, s.drawn]))).toEqual([
      [['NotoSans-Bold', 'Case PK-2025-0042']],
      [['NotoSans-Regular', 'Name: Zarghuna — “quoted” • bullet']],
      [['NotoSans-Italic', 'Output: italic']],
    ]);
  });

  it('orders mixed lines as the Unicode bidi algorithm does, digits still left to right', async () => {
    const { pages } = await written(
      ['Name: محمد علی خان'],
      ['کیس نمبر 123 کی تفصیل'],
      ['محمد علی خان (PK-2024-001)'],
      ['تاریخ پیدائش: 12/05/1990'],
      ['سال ۲۰۲۴ میں'],
      ['کابل، افغانستان'],
    );
    const page = lines(pages[0]);
    expect(page.map(visual)).toEqual([
      'Name: ⟨محمد علی خان⟩',
      '⟨کی تفصیل⟩ 123 ⟨کیس نمبر⟩',
      '(PK-2024-001) ⟨محمد علی خان⟩',
      '12/05/1990 :⟨تاریخ پیدائش⟩',
      '⟨ میں⟩⟨۲۰۲۴⟩⟨سال ⟩',
      '⟨کابل، افغانستان⟩',
    ]);
    // The Urdu digits are drawn in the order they are read, left to right.
    expect(page[4][1].drawn).toBe('۲۰۲۴');
    // A line that starts in Urdu ends at the right margin; one that starts in Latin at the left.
    expect(page[0][0].x).toBe(50);
    expect(page[1][0].x).toBeGreaterThan(300);
  });

  it('breaks a long Urdu paragraph into lines that read on from the right, top to bottom', async () => {
    const words = Array.from({ length: 12 }, (_, i) => ['پاکستان', 'میں', 'ہجرت', 'کے', 'بارے', 'نیٹ', 'ورک'][i % 7]);
    const { pages } = await written([words.join(' '), { width: 100 }]);
    const page = lines(pages[0]);
    expect(page.length).toBeGreaterThan(2);
    for (const line of page) {
      expect(line).toHaveLength(1);
      expect(line[0].font).toBe(NASTALIQ);
    }
    expect(page.map((line) => line[0].actual).join(' ')).toBe(words.join(' '));
  });

  it('writes a paragraph per line of the text, and a new page when the page is full', async () => {
    const { pages } = await written(...Array.from({ length: 40 }, (_, i) => [`سطر ${i + 1}\nLine ${i + 1}: علی`] as [string]));
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.flatMap((page) => lines(page).map(visual));
    expect(all.slice(0, 2)).toEqual(['1 ⟨سطر⟩', 'Line 1: ⟨علی⟩']);
    expect(all).toHaveLength(80);
    expect(all.at(-1)).toBe('Line 40: ⟨علی⟩');
  });

  it('still embeds the fonts in a password-protected file', async () => {
    const pdf = (await buildPdf({ title: 'Referral', password: 'correct horse' }, (doc) => writeText(doc, 'محمد علی خان'))).toString('latin1');
    expect(pdf).toContain('/Encrypt');
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+NotoNastaliqUrdu-Regular/);
  });
});

describe('the server PDFs write Urdu through the shared fonts', () => {
  it('a protection document shows an Urdu name in Nastaliq beside its Latin label', async () => {
    const pdf = await renderProtectionPdf('Case PK-2025-0042', [{ heading: 'Person', lines: [['Name', 'محمد علی خان'], ['Nationality', 'AF']] }]);
    const page = lines(read(pdf).pages[0]).map(visual);
    expect(page).toContain('Name: ⟨محمد علی خان⟩');
    expect(page).toContain('Nationality: AF');
  });

  it('a progress report shows an Urdu network name and an Urdu decision', async () => {
    const pdf = await renderProgressReport({
      networkName: 'ہمسفر نیٹ ورک',
      from: '2025-09-01',
      to: '2025-12-31',
      generatedOn: '2026-01-02',
      sections: [{ objective: 1, title: 'Data', decisions: [{ number: 'D-7', text: 'اجلاس ہر ماہ ہوگا', date: '2025-10-01' }], done: [], overdue: [], workplan: [] }],
    });
    const page = lines(read(pdf).pages[0]).map(visual);
    expect(page[0]).toBe('⟨ہمسفر نیٹ ورک⟩: progress report 2025-09-01 to 2025-12-31');
    expect(page).toContain('• D-7 (2025-10-01): ⟨اجلاس ہر ماہ ہوگا⟩');
    expect(page.some((line) => ARABIC_LETTER.test(line.replace(/⟨[^⟩]*⟩/g, '')))).toBe(false);
  });
});
