import type { Geometry } from './tables';

/**
 * Plane geometry on GeoJSON longitude/latitude, enough to place a unit in its parent: which
 * polygon holds a point, and a point that lies inside a polygon. No projection: at the scale of an
 * administrative unit the distortion does not move a point across a border.
 */

type Position = number[];
type Ring = Position[];
type PolygonCoordinates = Ring[];

export function polygonsOf(geometry: Geometry): PolygonCoordinates[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates as PolygonCoordinates] : (geometry.coordinates as PolygonCoordinates[]);
}

function insideRing(point: Position, ring: Ring): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring of one of the polygons and outside its holes (even-odd rule). */
export function containsPoint(geometry: Geometry, point: Position): boolean {
  return polygonsOf(geometry).some(([outer, ...holes]) => insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole)));
}

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(sum) / 2;
}

/**
 * A point inside the geometry (its centroid can lie outside a concave unit): on the horizontal line
 * through the middle of the largest polygon, the midpoint of the widest stretch that lies inside it.
 */
export function interiorPoint(geometry: Geometry): Position {
  const polygon = polygonsOf(geometry).reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
  const ys = polygon[0].map((p) => p[1]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  let best: { point: Position; width: number } | null = null;
  // A few scan lines, in case the middle one runs along a vertex or through a narrow waist.
  for (const fraction of [0.5, 0.35, 0.65, 0.2, 0.8]) {
    const y = minY + (maxY - minY) * fraction;
    const crossings: number[] = [];
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const width = crossings[k + 1] - crossings[k];
      if (!best || width > best.width) best = { point: [(crossings[k] + crossings[k + 1]) / 2, y], width };
    }
    if (best) return best.point;
  }
  return polygon[0][0];
}

export interface Candidate {
  key: string;
  geometry: Geometry;
}

/**
 * The candidate (a province, for a district) that holds the unit: the one holding a point inside
 * the unit; where simplified borders disagree, the one holding most of the unit's vertices.
 * Null when none holds any of it.
 */
export function containingCandidate(geometry: Geometry, candidates: Candidate[]): string | null {
  const point = interiorPoint(geometry);
  const holder = candidates.find((c) => containsPoint(c.geometry, point));
  if (holder) return holder.key;
  const vertices = polygonsOf(geometry).flatMap((polygon) => polygon[0]);
  let best: { key: string; count: number } | null = null;
  for (const candidate of candidates) {
    const count = vertices.filter((v) => containsPoint(candidate.geometry, v)).length;
    if (count > 0 && (!best || count > best.count)) best = { key: candidate.key, count };
  }
  return best?.key ?? null;
}

/** The geometry with coordinates rounded (4 decimals is about 11 m) and repeated points dropped. */
export function roundGeometry(geometry: Geometry, decimals = 4): Geometry {
  const factor = 10 ** decimals;
  const round = (ring: Ring): Ring => {
    const out: Ring = [];
    for (const [x, y] of ring) {
      const p = [Math.round(x * factor) / factor, Math.round(y * factor) / factor];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: (geometry.coordinates as PolygonCoordinates).map(round) }
    : { type: 'MultiPolygon', coordinates: (geometry.coordinates as PolygonCoordinates[]).map((polygon) => polygon.map(round)) };
}

const isPosition = (p: unknown): boolean => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
const isRing = (r: unknown): boolean => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
const isPolygon = (p: unknown): boolean => Array.isArray(p) && p.length >= 1 && p.every(isRing);

/** Whether a parsed value is a GeoJSON Polygon or MultiPolygon with well-formed rings. */
export function isAreaGeometry(value: unknown): value is Geometry {
  if (typeof value !== 'object' || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') return isPolygon(coordinates);
  if (type === 'MultiPolygon') return Array.isArray(coordinates) && coordinates.length >= 1 && coordinates.every(isPolygon);
  return false;
}

/** One canonical text of a geometry, to tell whether an import changes a boundary. */
export function geometryText(geometry: Geometry | null): string | null {
  return geometry === null ? null : JSON.stringify({ type: geometry.type, coordinates: geometry.coordinates });
}
