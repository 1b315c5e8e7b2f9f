import type { Agent } from '../../test/factories';

export const api = '/api/v1/places';

/** Where a district of the test files lies, and the province (ISO 3166-2) that holds it. */
export interface City {
  code: string;
  name: string;
  at: readonly number[];
  province: string;
}

export const CITIES: readonly City[] = [
  { code: 'PK0601', name: 'Lahore', at: [74.34, 31.55], province: 'PK-PB' },
  { code: 'PK0602', name: 'Multan', at: [71.47, 30.2], province: 'PK-PB' },
  { code: 'PK0801', name: 'Karachi', at: [67.05, 24.95], province: 'PK-SD' },
  { code: 'PK0201', name: 'Quetta', at: [67.0, 30.18], province: 'PK-BA' },
  { code: 'PK0501', name: 'Peshawar', at: [71.52, 34.01], province: 'PK-KP' },
  { code: 'PK0401', name: 'Gilgit', at: [74.31, 35.92], province: 'PK-GB' },
  { code: 'PK0701', name: 'Islamabad', at: [73.05, 33.69], province: 'PK-IS' },
];

/** A small square district around a point: inside its province, away from any border. */
export function square([x, y]: readonly number[], half = 0.02) {
  return { type: 'Polygon', coordinates: [[[x - half, y - half], [x + half, y - half], [x + half, y + half], [x - half, y + half], [x - half, y - half]]] };
}

export interface TestFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

export function districtFeatures(cities: readonly City[] = CITIES, rename: Record<string, string> = {}): TestFeature[] {
  return cities.map((c) => ({ properties: { ADM2_PCODE: c.code, ADM2_EN: rename[c.code] ?? c.name, ADM2_UR: null }, geometry: square(c.at) }));
}

export function collection(features: TestFeature[]) {
  return { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) };
}

export const DISTRICT_FIELDS = { level: '2', codeProperty: 'ADM2_PCODE', nameProperty: 'ADM2_EN', nameUrProperty: 'ADM2_UR', gazetteer: 'OCHA COD-AB', version: '2024-test' };

/** A multipart body as the web form sends it: text fields first, then the file. */
export function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer | string }) {
  const boundary = '----hamsafar-places';
  const chunks: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/geo+json\r\n\r\n`));
    chunks.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function sendImport(agent: Agent, step: 'preview' | 'commit', fields: Record<string, string>, file: unknown, name = 'districts.geojson') {
  const body = multipart(fields, { name, data: typeof file === 'string' ? file : JSON.stringify(file) });
  return agent.request('POST', step === 'preview' ? `${api}/imports/preview` : `${api}/imports`, body.payload, body.headers);
}
