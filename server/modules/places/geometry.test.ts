import { describe, expect, it } from 'vitest';
import { containingCandidate, containsPoint, interiorPoint, roundGeometry } from './geometry';
import type { Geometry } from './tables';

const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('placing a unit in its parent from the geometry', () => {
  it('finds a point inside a concave unit, where its centre lies outside', () => {
    // A "U": the middle of its bounding box is in the gap between the arms.
    const u: Geometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    expect(containsPoint(u, [1.5, 2])).toBe(false);
    expect(containsPoint(u, interiorPoint(u))).toBe(true);
  });

  it('treats holes as outside and any polygon of a MultiPolygon as inside', () => {
    const withHole: Geometry = { type: 'Polygon', coordinates: [square(0, 0, 4, 4), square(1, 1, 3, 3)] };
    expect(containsPoint(withHole, [2, 2])).toBe(false);
    expect(containsPoint(withHole, [0.5, 0.5])).toBe(true);
    const islands: Geometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] };
    expect(containsPoint(islands, [5.5, 5.5])).toBe(true);
  });

  it('picks the parent holding most of a unit whose point falls in a gap between simplified borders', () => {
    const west = { key: 'west', geometry: { type: 'Polygon', coordinates: [square(0, 0, 1.98, 4)] } as Geometry };
    const east = { key: 'east', geometry: { type: 'Polygon', coordinates: [square(2.02, 0, 4, 4)] } as Geometry };
    // Straddles the gap with more of its vertices in the east; its interior point (x = 2) is in neither.
    const unit: Geometry = { type: 'Polygon', coordinates: [[[1.9, 1], [2.1, 1], [2.1, 2], [2.1, 2.5], [2.1, 3], [1.9, 3], [1.9, 1]]] };
    expect(interiorPoint(unit)[0]).toBeCloseTo(2);
    expect(containingCandidate(unit, [west, east])).toBe('east');
    expect(containingCandidate({ type: 'Polygon', coordinates: [square(10, 10, 11, 11)] }, [west, east])).toBeNull();
  });

  it('rounds coordinates to 4 decimals and drops the points that then repeat', () => {
    const fine: Geometry = { type: 'Polygon', coordinates: [[[0.123456, 0], [0.123461, 0.00001], [1, 0], [1, 1], [0.123456, 0]]] };
    expect(roundGeometry(fine).coordinates).toEqual([[[0.1235, 0], [1, 0], [1, 1], [0.1235, 0]]]);
  });
});
