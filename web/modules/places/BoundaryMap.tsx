import 'maplibre-gl/dist/maplibre-gl.css';
import { Box } from '@mantine/core';
import * as maplibregl from 'maplibre-gl';
// MapLibre finds its worker beside its own file, which a bundle does not have (see protection/JourneyMap).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';

maplibregl.setWorkerUrl(workerUrl);

/** Fill colours of a preview by what the import does to a unit; a plain map has one colour. */
const STATUS_COLOURS: maplibregl.ExpressionSpecification = ['match', ['coalesce', ['get', 'status'], 'current'], 'new', '#2b8a3e', 'changed', '#e8590c', 'unchanged', '#adb5bd', '#f3d9a4'];

function boundsOf(collection: GeoJSON.FeatureCollection): maplibregl.LngLatBounds | null {
  let bounds: maplibregl.LngLatBounds | null = null;
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const point: [number, number] = [value[0], value[1] as number];
      bounds = bounds ? bounds.extend(point) : new maplibregl.LngLatBounds(point, point);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const feature of collection.features) if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  return bounds;
}

/**
 * Administrative boundaries from the database over a plain background: no tile server, so it
 * works offline. Loaded in its own chunk; the page beside it lists the same units as text.
 */
export default function BoundaryMap({ features, label, nameKey }: { features: GeoJSON.FeatureCollection; label: string; nameKey: 'nameEn' | 'nameUr' }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      attributionControl: false,
      style: {
        version: 8,
        sources: { units: { type: 'geojson', data: features } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#dbe9f4' } },
          { id: 'units', type: 'fill', source: 'units', paint: { 'fill-color': STATUS_COLOURS, 'fill-opacity': 0.8 } },
          { id: 'borders', type: 'line', source: 'units', paint: { 'line-color': '#5c5f66', 'line-width': 0.7 } },
        ],
      },
      center: [69.3, 30.4],
      zoom: 3.6,
    });
    const bounds = boundsOf(features);
    if (bounds) map.fitBounds(bounds, { padding: 20, animate: false });
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
    map.on('mousemove', 'units', (event) => {
      const unit = event.features?.[0]?.properties as Record<string, string> | undefined;
      if (!unit) return;
      popup.setLngLat(event.lngLat).setText(`${unit[nameKey] || unit.nameEn} (${unit.code})`).addTo(map);
    });
    map.on('mouseleave', 'units', () => popup.remove());
    return () => map.remove();
  }, [features, nameKey]);
  return <Box ref={container} role="img" aria-label={label} h={420} style={{ borderRadius: 4, overflow: 'hidden' }} />;
}
