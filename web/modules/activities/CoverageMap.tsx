import 'maplibre-gl/dist/maplibre-gl.css';
import { Box } from '@mantine/core';
import * as maplibregl from 'maplibre-gl';
// MapLibre finds its worker beside its own file, which a bundle does not have (see protection/JourneyMap).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { boundsOf, fillExpression } from './choropleth';

maplibregl.setWorkerUrl(workerUrl);

interface Props {
  features: GeoJSON.FeatureCollection;
  /** The measure of each unit, by unit id. */
  values: Map<string, number>;
  breaks: number[];
  selectedId: string | null;
  onSelect: (unitId: string) => void;
  label: string;
  nameKey: 'nameEn' | 'nameUr';
}

function withValues(features: GeoJSON.FeatureCollection, values: Map<string, number>): GeoJSON.FeatureCollection {
  return { ...features, features: features.features.map((f) => ({ ...f, properties: { ...f.properties, value: values.get(String(f.properties?.id)) ?? 0 } })) };
}

/**
 * The units of a level coloured by a measure, over a plain background: the boundaries come from
 * the database, no tile server, so it works offline. Loaded in its own chunk; the page beside it
 * gives the same figures as a table, and a unit is chosen there as well as by a click here.
 */
export default function CoverageMap({ features, values, breaks, selectedId, onSelect, label, nameKey }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!container.current) return;
    const created = new maplibregl.Map({
      container: container.current,
      attributionControl: false,
      style: {
        version: 8,
        sources: { units: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#dbe9f4' } },
          { id: 'units', type: 'fill', source: 'units', paint: { 'fill-color': '#f1f3f5' } },
          { id: 'borders', type: 'line', source: 'units', paint: { 'line-color': '#5c5f66', 'line-width': 0.7 } },
          { id: 'selected', type: 'line', source: 'units', filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#000', 'line-width': 3 } },
        ],
      },
      center: [69.3, 30.4],
      zoom: 3.6,
    });
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
    created.on('mousemove', 'units', (event) => {
      const unit = event.features?.[0]?.properties as Record<string, string> | undefined;
      if (!unit) return;
      created.getCanvas().style.cursor = 'pointer';
      popup.setLngLat(event.lngLat).setText(`${unit[nameKey] || unit.nameEn}: ${unit.value}`).addTo(created);
    });
    created.on('mouseleave', 'units', () => {
      created.getCanvas().style.cursor = '';
      popup.remove();
    });
    created.on('click', 'units', (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (id) select.current(String(id));
    });
    map.current = created;
    return () => {
      map.current = null;
      created.remove();
    };
  }, [nameKey]);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const draw = () => {
      (current.getSource('units') as maplibregl.GeoJSONSource).setData(withValues(features, values));
      current.setPaintProperty('units', 'fill-color', fillExpression(breaks));
    };
    if (current.isStyleLoaded()) draw();
    else current.once('load', draw);
  }, [features, values, breaks, nameKey]);

  useEffect(() => {
    const bounds = boundsOf(features);
    if (bounds && map.current) map.current.fitBounds(new maplibregl.LngLatBounds(bounds[0], bounds[1]), { padding: 20, animate: false });
  }, [features, nameKey]);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const mark = () => current.setFilter('selected', ['==', ['get', 'id'], selectedId ?? '']);
    if (current.isStyleLoaded()) mark();
    else current.once('load', mark);
  }, [selectedId, nameKey]);

  return <Box ref={container} role="img" aria-label={label} h={{ base: 320, sm: 460 }} style={{ borderRadius: 4, overflow: 'hidden' }} />;
}
