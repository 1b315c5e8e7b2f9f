import { inflateSync } from 'node:zlib';

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
    // A glyph for several characters (a ligature: fi, fl) is one entry with spaces between them: <0066 0069>.
    [...list.matchAll(/<([0-9a-f ]*)>/g)].forEach(([, hex], i) => {
      const units = hex.replaceAll(' ', '').match(/.{4}/g)?.map((u) => parseInt(u, 16)) ?? [];
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

export interface Show {
  font: string;
  x: number;
  y: number;
  glyphs: number[];
  /** What the glyphs map back to, in drawing order (left to right). */
  drawn: string;
  /** The ActualText of the span the glyphs are in. */
  actual?: string;
}

export interface Page {
  fonts: string[];
  shows: Show[];
}

export function read(pdf: Buffer): { pages: Page[]; embedded: Map<string, Buffer> } {
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
export function lines(page: Page): Show[][] {
  const byLine = new Map<number, Show[]>();
  for (const show of page.shows) byLine.set(show.y, [...(byLine.get(show.y) ?? []), show]);
  return [...byLine.entries()].sort(([a], [b]) => b - a).map(([, shows]) => shows.sort((a, b) => a.x - b.x));
}

/** A line as it reads on paper, left to right: Latin as drawn, each Nastaliq run as ⟨its text⟩. */
export function visual(line: Show[]): string {
  return line.map((s) => (s.font.startsWith('NotoNastaliqUrdu') ? `⟨${s.actual}⟩` : s.drawn)).join('');
}

/** Every line of every page as it reads on paper, for a test that a PDF shows a text. */
export function pdfLines(pdf: Buffer): string[] {
  return read(pdf).pages.flatMap((page) => lines(page).map(visual));
}
