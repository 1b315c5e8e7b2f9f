import 'maplibre-gl/dist/maplibre-gl.css';
import { Box } from '@mantine/core';
import * as maplibregl from 'maplibre-gl';
// MapLibre finds its worker beside its own file, which a bundle does not have: Vite emits the
// worker as a hashed asset and MapLibre is told its address.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import type { JourneyEventView } from './CasePage';

/** ISO 3166 numeric codes (the ids of world-atlas) of the alpha-2 codes journeys use. */
const NUMERIC: Record<string, string> = {
  AF: '004', AE: '784', BD: '050', BH: '048', CN: '156', DE: '276', EG: '818', ES: '724', FR: '250', GB: '826', GR: '300',
  ID: '360', IN: '356', IQ: '368', IR: '364', IT: '380', JO: '400', KW: '414', LK: '144', LY: '434', MY: '458', NP: '524',
  OM: '512', PK: '586', QA: '634', SA: '682', TH: '764', TR: '792', US: '840', CA: '124', AU: '036', AZ: '031', RU: '643',
};

maplibregl.setWorkerUrl(workerUrl);

const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const shapes = feature(topology, topology.objects.countries) as unknown as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

/** A rough centre of a country: the middle of its largest ring's bounding box. */
function centreOf(iso2: string): [number, number] | null {
  const shape = shapes.features.find((f) => f.id === NUMERIC[iso2]);
  if (!shape) return null;
  const polygons = shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
  const ring = polygons.map((p) => p[0]).sort((a, b) => b.length - a.length)[0];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/**
 * The route of a journey over country shapes bundled with the app: no tile server, no network,
 * so it works offline. The events table beside it carries the same information in text.
 */
export default function JourneyMap({ events, label }: { events: JourneyEventView[]; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const points = events.map((e) => centreOf(e.country)).filter((p): p is [number, number] => p !== null);
    const visited = new Set(events.map((e) => NUMERIC[e.country]).filter(Boolean));
    const map = new maplibregl.Map({
      container: container.current,
      attributionControl: false,
      style: {
        version: 8,
        sources: {
          countries: { type: 'geojson', data: { ...shapes, features: shapes.features.map((f) => ({ ...f, properties: { ...f.properties, visited: visited.has(String(f.id)) } })) } },
          route: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: points } } },
          stops: { type: 'geojson', data: { type: 'FeatureCollection', features: points.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } })) } },
        },
        layers: [
          { id: 'sea', type: 'background', paint: { 'background-color': '#dbe9f4' } },
          { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': ['case', ['get', 'visited'], '#f3d9a4', '#f5f3ee'] } },
          { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#9a9a9a', 'line-width': 0.5 } },
          { id: 'route', type: 'line', source: 'route', paint: { 'line-color': '#a61e4d', 'line-width': 3 } },
          { id: 'stops', type: 'circle', source: 'stops', paint: { 'circle-radius': 5, 'circle-color': '#a61e4d', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
        ],
      },
      center: points[0] ?? [69, 30],
      zoom: 2,
    });
    if (points.length > 1) {
      const bounds = points.reduce((b, p) => b.extend(p), new maplibregl.LngLatBounds(points[0], points[0]));
      map.fitBounds(bounds, { padding: 40, animate: false, maxZoom: 5 });
    }
    return () => map.remove();
  }, [events]);
  return <Box ref={container} role="img" aria-label={label} h={320} style={{ borderRadius: 4, overflow: 'hidden' }} />;
}
