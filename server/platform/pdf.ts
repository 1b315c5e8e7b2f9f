import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/**
 * Every PDF the server renders: embedded Noto fonts instead of pdfkit's built-in Helvetica, which has
 * no Arabic-script glyphs, so names and titles in Urdu come out right.
 *
 * pdfkit has no bidirectional algorithm and wraps lines left to right, so text with Arabic-script
 * characters is laid out here: the paragraph is resolved into runs of one direction and one font
 * (the Unicode bidi algorithm for a paragraph without explicit embeddings), broken into lines, and
 * each line's runs are drawn in visual order. fontkit shapes an Arabic run (joining, Nastaliq
 * cascade) and lays it out right to left by itself; runs the order of which it would not get right
 * are handed to it pre-ordered.
 */

export type FontStyle = 'regular' | 'bold' | 'italic';

type FontName = 'latin-regular' | 'latin-bold' | 'latin-italic' | 'urdu-regular' | 'urdu-bold';

// The fontsource subsets as WOFF: fontkit parses the WOFF2 files too, but the glyphs pdfkit embeds from them render blank.
const FONT_FILES: Record<FontName, string> = {
  'latin-regular': '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  'latin-bold': '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
  'latin-italic': '@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff',
  'urdu-regular': '@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff',
  'urdu-bold': '@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-700-normal.woff',
};

/**
 * The TrueType font a WOFF file wraps. fontkit reads WOFF itself, but inflates a table (in plain
 * JavaScript) on every read of it, the glyph outlines for each glyph included: a page of Urdu took
 * seconds. Unpacked once here, with zlib.
 */
function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF font');
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20;
    const [offset, compressed, length] = [woff.readUInt32BE(entry + 4), woff.readUInt32BE(entry + 8), woff.readUInt32BE(entry + 12)];
    const stored = woff.subarray(offset, offset + compressed);
    return { tag: woff.subarray(entry, entry + 4), checksum: woff.readUInt32BE(entry + 16), data: compressed < length ? inflateSync(stored) : stored };
  });
  const header = Buffer.alloc(12 + count * 16);
  const power = 2 ** Math.floor(Math.log2(count));
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    table.tag.copy(header, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

let fontData: Map<FontName, Buffer> | undefined;

function fonts(): Map<FontName, Buffer> {
  if (!fontData) {
    const require = createRequire(import.meta.url);
    fontData = new Map(Object.entries(FONT_FILES).map(([name, file]) => [name as FontName, sfntFromWoff(readFileSync(require.resolve(file)))]));
  }
  return fontData;
}

function latinFont(style: FontStyle): FontName {
  return `latin-${style}`;
}

// Nastaliq has no italic: italic Urdu is written upright.
function urduFont(style: FontStyle): FontName {
  return style === 'bold' ? 'urdu-bold' : 'urdu-regular';
}

export interface PdfOptions {
  title: string;
  /** Encrypts the file (AES-256, PDF 1.7ext3): the reader needs the password, and printing is the only right granted beyond reading. */
  password?: string;
}

/** An A4 document with the fonts registered, built by `build` and answered as bytes. */
export function buildPdf(options: PdfOptions, build: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: options.title, Author: 'Hamsafar', Producer: 'Hamsafar' },
      ...(options.password
        ? {
            userPassword: options.password,
            ownerPassword: `${options.password}:owner`,
            pdfVersion: '1.7ext3' as const,
            permissions: { printing: 'highResolution' as const },
          }
        : {}),
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const [name, data] of fonts()) doc.registerFont(name, data);
    doc.font(latinFont('regular'));
    try {
      build(doc);
    } catch (error) {
      reject(error);
      return;
    }
    doc.end();
  });
}

export interface WriteOptions {
  style?: FontStyle;
  /** Font size in points; the current one when left out. */
  size?: number;
  x?: number;
  y?: number;
  /** Wrapping width; the rest of the line up to the right margin when left out. */
  width?: number;
  /** Left out: the start of the paragraph's direction (left for Latin, right for Urdu). */
  align?: 'left' | 'right' | 'center';
  /** Indent of the first line, on the side the paragraph starts from. */
  indent?: number;
  lineGap?: number;
  /**
   * Base direction of a paragraph with Arabic script; left out, that of its first letter (Unicode bidi
   * rule P2). An English sentence that opens with an Urdu name says 'ltr'.
   */
  direction?: 'ltr' | 'rtl';
}

const ARABIC_SCRIPT = /\p{Script_Extensions=Arabic}/u;

/** Left-to-right and right-to-left marks: they steer the bidi algorithm, and the fonts have no glyph for them. */
const BIDI_MARKS = /[\u200e\u200f]/g;

/**
 * Writes `text` at the cursor (or at x, y) like `doc.text`, in `style`: Latin text in Noto Sans,
 * Arabic-script text in Noto Nastaliq Urdu, right to left. Moves the cursor below the text.
 */
export function writeText(doc: PDFKit.PDFDocument, text: string, options: WriteOptions = {}): PDFKit.PDFDocument {
  const { style = 'regular', size, x, y, direction, ...layout } = options;
  if (size !== undefined) doc.fontSize(size);
  if (!ARABIC_SCRIPT.test(text)) {
    text = text.replace(BIDI_MARKS, '');
    doc.font(latinFont(style));
    // pdfkit reads a missing x as "no position" only when the options take its place.
    return x === undefined ? doc.text(text, layout) : doc.text(text, x, y, layout);
  }
  skipNullAnchors(doc.font(urduFont(style)));
  if (x !== undefined) doc.x = x;
  if (y !== undefined) doc.y = y;
  const left = doc.x;
  const width = layout.width ?? doc.page.width - left - doc.page.margins.right;
  for (const paragraph of text.split(/\r?\n/)) writeParagraph(doc, paragraph, { style, left, width, direction, ...layout });
  doc.x = left;
  // The cursor's next moveDown() steps by the line height of the Latin font, as after any other text.
  return doc.font(latinFont(style));
}

interface MarkRecord {
  markAnchor: unknown;
}

interface GposProcessor {
  applyAnchor(markRecord: MarkRecord, baseAnchor: unknown, baseGlyphIndex: number): void;
}

let nullAnchorsSkipped = false;

/**
 * fontkit 2.0.4 reads every GPOS anchor it is given, but OpenType lets a font leave one out ("no
 * anchor for this mark class here"), and Noto Nastaliq Urdu does: shaping common words (رہتے, مزید)
 * throws (foliojs/fontkit#367). Its mark positioning, reached through the current font's layout
 * engine, is made to skip a missing anchor as HarfBuzz does (the fix proposed in foliojs/fontkit#374).
 */
function skipNullAnchors(doc: PDFKit.PDFDocument) {
  if (nullAnchorsSkipped) return;
  const { _font } = doc as unknown as { _font: { font: { _layoutEngine: { engine: { GPOSProcessor: GposProcessor | null } } } } };
  const gpos = _font.font._layoutEngine.engine.GPOSProcessor;
  if (!gpos) return;
  const processor = Object.getPrototypeOf(gpos) as GposProcessor;
  const applyAnchor = processor.applyAnchor;
  processor.applyAnchor = function (this: GposProcessor, markRecord, baseAnchor, baseGlyphIndex) {
    if (baseAnchor && markRecord.markAnchor) applyAnchor.call(this, markRecord, baseAnchor, baseGlyphIndex);
  };
  nullAnchorsSkipped = true;
}

// Bidi classes of UAX #9 that matter without explicit embeddings; anything else is ON (other neutral).
type BidiClass = 'L' | 'R' | 'AL' | 'EN' | 'AN' | 'ES' | 'ET' | 'CS' | 'NSM' | 'WS' | 'ON';

function bidiClass(ch: string): BidiClass {
  const cp = ch.codePointAt(0)!;
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x6f0 && cp <= 0x6f9)) return 'EN';
  if ((cp >= 0x660 && cp <= 0x669) || cp === 0x66b || cp === 0x66c) return 'AN';
  if (ch === '+' || ch === '-' || ch === '\u2212') return 'ES';
  if (',./:\u00a0\u060c'.includes(ch)) return 'CS';
  if ('#$%°¢£¥€±\u066a\u2030'.includes(ch)) return 'ET';
  if (cp === 0x200e) return 'L';
  if (cp === 0x200f) return 'R';
  if (/\s/u.test(ch)) return 'WS';
  if (/\p{M}/u.test(ch) || cp === 0x200c || cp === 0x200d) return 'NSM';
  if (ARABIC_SCRIPT.test(ch)) return 'AL';
  if (/\p{Script=Hebrew}/u.test(ch) && /\p{L}/u.test(ch)) return 'R';
  if (/[\p{L}\p{N}]/u.test(ch)) return 'L';
  return 'ON';
}

const STRONG = new Set<BidiClass>(['L', 'R', 'AL']);

/** Embedding levels of a paragraph (rules P2–P3, W1–W7, N1–N2, I1–I2 of UAX #9), and its base level. */
function bidiLevels(chars: string[], direction: WriteOptions['direction']): { base: 0 | 1; levels: number[] } {
  const types = chars.map(bidiClass);
  const first = types.find((c) => STRONG.has(c));
  const base: 0 | 1 = direction ? (direction === 'rtl' ? 1 : 0) : first === 'R' || first === 'AL' ? 1 : 0;
  const sos: BidiClass = base === 1 ? 'R' : 'L';
  const n = types.length;
  // W1: marks take the class of what they mark.
  for (let i = 0; i < n; i++) if (types[i] === 'NSM') types[i] = i === 0 ? sos : types[i - 1];
  // W2, W3: digits after Arabic letters are Arabic numbers; AL is R from here on.
  let lastStrong: BidiClass = sos;
  for (let i = 0; i < n; i++) {
    if (STRONG.has(types[i])) lastStrong = types[i];
    else if (types[i] === 'EN' && lastStrong === 'AL') types[i] = 'AN';
  }
  for (let i = 0; i < n; i++) if (types[i] === 'AL') types[i] = 'R';
  // W4: one separator between two numbers of a kind joins them (12/05/2024, 1,000.50).
  for (let i = 1; i < n - 1; i++) {
    const [before, after] = [types[i - 1], types[i + 1]];
    if (types[i] === 'ES' && before === 'EN' && after === 'EN') types[i] = 'EN';
    else if (types[i] === 'CS' && before === after && (before === 'EN' || before === 'AN')) types[i] = before;
  }
  // W5: terminators next to European numbers belong to them (25%, $30).
  for (let i = 0; i < n; i++) {
    if (types[i] !== 'ET') continue;
    let end = i;
    while (end < n && types[end] === 'ET') end++;
    if ((i > 0 && types[i - 1] === 'EN') || (end < n && types[end] === 'EN')) types.fill('EN', i, end);
    i = end - 1;
  }
  // W6, W7: other separators are neutral; European numbers in Latin context are Latin.
  lastStrong = sos;
  for (let i = 0; i < n; i++) {
    if (types[i] === 'ES' || types[i] === 'ET' || types[i] === 'CS') types[i] = 'ON';
    if (types[i] === 'L' || types[i] === 'R') lastStrong = types[i];
    else if (types[i] === 'EN' && lastStrong === 'L') types[i] = 'L';
  }
  // N1, N2: neutrals between two of one direction take it (numbers count as R), else the paragraph's.
  const side = (t: BidiClass): 'L' | 'R' | null => (t === 'L' ? 'L' : t === 'R' || t === 'EN' || t === 'AN' ? 'R' : null);
  for (let i = 0; i < n; i++) {
    if (side(types[i]) !== null) continue;
    let end = i;
    while (end < n && side(types[end]) === null) end++;
    const before = i === 0 ? sos : side(types[i - 1]);
    const after = end === n ? sos : side(types[end]);
    types.fill(before === after ? before! : sos, i, end);
    i = end - 1;
  }
  // I1, I2.
  const levels = types.map((t) => (base === 0 ? (t === 'L' ? 0 : t === 'R' ? 1 : 2) : t === 'R' ? 1 : 2));
  return { base, levels };
}

interface Paragraph {
  chars: string[];
  fonts: FontName[];
  levels: number[];
}

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

// Arabic-script characters, and the marks and joiners after them, in Nastaliq; spaces inside Urdu
// too, so a name in Urdu is one run; everything else in the Latin font.
function fontsOf(chars: string[], style: FontStyle): FontName[] {
  const urdu = chars.map((ch) => ARABIC_SCRIPT.test(ch));
  for (let i = 1; i < chars.length; i++) if (!urdu[i] && bidiClass(chars[i]) === 'NSM' && urdu[i - 1]) urdu[i] = true;
  for (let i = 0; i < chars.length; i++) {
    if (!isSpace(chars[i])) continue;
    let end = i;
    while (end < chars.length && isSpace(chars[end])) end++;
    const inside = i > 0 && end < chars.length && urdu[i - 1] && urdu[end];
    urdu.fill(inside, i, end);
    i = end - 1;
  }
  return urdu.map((u) => (u ? urduFont(style) : latinFont(style)));
}

const MIRRORED: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };

interface Run {
  font: FontName;
  /** The characters in the order pdfkit is given them. */
  text: string;
  /** The characters in reading order. */
  logical: string;
}

function isUrdu(font: FontName): boolean {
  return font.startsWith('urdu');
}

// fontkit lays a run out right to left when it finds Arabic script in it, and shapes it in the
// order given: Arabic letters (always at an odd level) come in logical order; Urdu digits (at an even
// level) come reversed so its reversal puts them back; Latin characters at an odd level (only
// neutrals reach one) are reversed here, with brackets mirrored.
function drawnText(font: FontName, chars: string[], rtl: boolean): string {
  if (isUrdu(font)) {
    const fontkitReverses = chars.some((ch) => /\p{Script=Arabic}/u.test(ch));
    return (rtl === fontkitReverses ? chars : [...chars].reverse()).join('');
  }
  return rtl ? [...chars].reverse().map((ch) => MIRRORED[ch] ?? ch).join('') : chars.join('');
}

/** The runs of chars [start, end) of a paragraph in visual order, left to right (rule L2). */
function visualRuns(p: Paragraph, start: number, end: number): Run[] {
  const runs: Array<{ font: FontName; level: number; chars: string[] }> = [];
  for (let i = start; i < end; i++) {
    const last = runs.at(-1);
    if (last && last.font === p.fonts[i] && last.level === p.levels[i]) last.chars.push(p.chars[i]);
    else runs.push({ font: p.fonts[i], level: p.levels[i], chars: [p.chars[i]] });
  }
  const highest = Math.max(...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => (r.level % 2 === 1 ? r.level : r.level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; i++) {
      if (runs[i].level < level) continue;
      let j = i;
      while (j < runs.length && runs[j].level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs
    .map((r) => ({ font: r.font, text: drawnText(r.font, r.chars, r.level % 2 === 1).replace(BIDI_MARKS, ''), logical: r.chars.join('').replace(BIDI_MARKS, '') }))
    .filter((r) => r.text !== '');
}

// A whole-run layout: without features pdfkit lays out word by word and so loses the order of Urdu words.
function textOptions(font: FontName): { features?: [] } {
  return isUrdu(font) ? { features: [] } : {};
}

// Shaping Nastaliq is slow, and line breaking and drawing ask for the same widths again.
const measured = new WeakMap<PDFKit.PDFDocument, Map<string, number>>();

function widthOf(doc: PDFKit.PDFDocument, run: Pick<Run, 'font' | 'text'>): number {
  const { _fontSize } = doc.font(run.font) as unknown as PdfKitState;
  const key = `${run.font} ${_fontSize} ${run.text}`;
  let widths = measured.get(doc);
  if (!widths) measured.set(doc, (widths = new Map()));
  let width = widths.get(key);
  if (width === undefined) widths.set(key, (width = doc.widthOfString(run.text, textOptions(run.font))));
  return width;
}

// pdfkit keeps the current font (metrics in 1/1000 em) and size on the document; its typings do not show them.
interface PdfKitState {
  _font: { ascender: number; descender: number };
  _fontSize: number;
}

/** Ascent above and descent below the baseline (negative) of `font` at the current size, in points. */
function verticalMetrics(doc: PDFKit.PDFDocument, font: FontName): { ascent: number; descent: number } {
  const { _font, _fontSize } = doc.font(font) as unknown as PdfKitState;
  return { ascent: (_font.ascender / 1000) * _fontSize, descent: (_font.descender / 1000) * _fontSize };
}

function measure(doc: PDFKit.PDFDocument, p: Paragraph, start: number, end: number): number {
  let width = 0;
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && p.fonts[j] === p.fonts[i]) j++;
    width += widthOf(doc, { font: p.fonts[i], text: p.chars.slice(i, j).join('').replace(BIDI_MARKS, '') });
    i = j;
  }
  return width;
}

/** Greedy line breaks at spaces, in logical order; a word longer than a line is cut where it fills one. */
function breakLines(doc: PDFKit.PDFDocument, p: Paragraph, available: (line: number) => number): Array<[number, number]> {
  const n = p.chars.length;
  const skipSpaces = (i: number) => {
    while (i < n && isSpace(p.chars[i])) i++;
    return i;
  };
  const wordEnd = (i: number) => {
    while (i < n && !isSpace(p.chars[i])) i++;
    return i;
  };
  const lines: Array<[number, number]> = [];
  let start = skipSpaces(0);
  while (start < n) {
    const width = available(lines.length);
    let end = wordEnd(start);
    let used = measure(doc, p, start, end);
    if (used > width) {
      let [fits, overflows] = [start + 1, end];
      while (overflows - fits > 1) {
        const mid = Math.floor((fits + overflows) / 2);
        if (measure(doc, p, start, mid) <= width) fits = mid;
        else overflows = mid;
      }
      end = fits;
    } else {
      for (let next = skipSpaces(end); next < n; next = skipSpaces(end)) {
        const candidate = wordEnd(next);
        // The spaces and the next word: words are shaped apart, as nothing joins across a space.
        const more = measure(doc, p, end, candidate);
        if (used + more > width) break;
        used += more;
        end = candidate;
      }
    }
    lines.push([start, end]);
    start = skipSpaces(end);
  }
  return lines;
}

interface ParagraphLayout extends Pick<WriteOptions, 'align' | 'indent' | 'lineGap' | 'direction'> {
  style: FontStyle;
  left: number;
  width: number;
}

function writeParagraph(doc: PDFKit.PDFDocument, text: string, { style, left, width, direction, align: alignment, indent = 0, lineGap = 0 }: ParagraphLayout) {
  const chars = Array.from(text);
  const { base, levels } = bidiLevels(chars, direction);
  const paragraph: Paragraph = { chars, fonts: fontsOf(chars, style), levels };
  const align = alignment ?? (base === 1 ? 'right' : 'left');
  const lines = breakLines(doc, paragraph, (line) => width - (line === 0 ? indent : 0));
  if (lines.length === 0) {
    doc.y += doc.font(latinFont(style)).currentLineHeight(true) + lineGap;
    return;
  }
  lines.forEach(([start, end], index) => {
    const runs = visualRuns(paragraph, start, end);
    const widths = runs.map((run) => widthOf(doc, run));
    const metrics = [...new Set(runs.map((r) => r.font))].map((font) => verticalMetrics(doc, font));
    const ascent = Math.max(...metrics.map((m) => m.ascent));
    const descent = Math.min(...metrics.map((m) => m.descent));
    if (doc.y + ascent - descent > doc.page.maxY()) doc.addPage();
    const lineIndent = index === 0 ? indent : 0;
    const boxLeft = base === 1 ? left : left + lineIndent;
    const free = width - lineIndent - widths.reduce((a, b) => a + b, 0);
    let x = boxLeft + (align === 'right' ? free : align === 'center' ? free / 2 : 0);
    const baseline = doc.y + ascent;
    runs.forEach((run, i) => {
      // Nastaliq draws one glyph for several letters that differ only in their dots, so the glyphs'
      // Unicode map cannot give the text back: the span carries it for copying and search.
      if (isUrdu(run.font)) doc.markContent('Span', { actual: run.logical, lang: 'ur' });
      doc.font(run.font).text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', ...textOptions(run.font) });
      if (isUrdu(run.font)) doc.endMarkedContent();
      x += widths[i];
    });
    doc.y = baseline - descent + lineGap;
  });
}
