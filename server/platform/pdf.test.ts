import { describe, expect, it } from 'vitest';
import { renderPdf as renderProtectionPdf } from '../modules/protection/documents';
import { renderPdf as renderProgressReport } from '../modules/network/report';
import { buildPdf, writeText, type WriteOptions } from './pdf';
import { lines, read, visual } from '../test/pdf-text';

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

  it('keeps a date left to right after Urdu words between left-to-right marks, and draws no glyph for the marks', async () => {
    const { pages } = await written(['مدت 2026-07-01 تا 2026-09-30'], ['مدت \u200e2026-07-01\u200e تا \u200e2026-09-30\u200e']);
    const [bare, marked] = lines(pages[0]);
    // Without marks the digits after Arabic letters are Arabic numbers, and the date's parts read from the right.
    expect(visual(bare)).toBe('30-09-2026 ⟨تا⟩ 01-07-2026 ⟨مدت⟩');
    expect(visual(marked)).toBe('2026-09-30 ⟨تا⟩ 2026-07-01 ⟨مدت⟩');
    expect(marked.flatMap((show) => show.glyphs)).not.toContain(0);
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
