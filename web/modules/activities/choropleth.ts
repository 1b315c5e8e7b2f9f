/** The colours of the activities map and its legend, without MapLibre, so the page can draw the legend before the map's chunk loads. */

/** A unit with nothing counted. */
export const EMPTY_COLOUR = '#f1f3f5';
/** Light to dark blue, one a class; dark enough at the top to stand apart from the borders. */
export const CLASS_COLOURS = ['#d0ebff', '#74c0fc', '#339af0', '#1c7ed6', '#1864ab'];

/** The lower bounds of the classes above zero: equal steps up to the largest value, whole numbers, each at least one more than the last. */
export function classBreaks(values: number[]): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [];
  const breaks: number[] = [];
  for (let i = 0; i < CLASS_COLOURS.length; i++) {
    const bound = Math.max(1, Math.ceil((max * i) / CLASS_COLOURS.length));
    if (breaks.length === 0 || bound > breaks[breaks.length - 1]) breaks.push(bound);
  }
  return breaks;
}

export function colourOf(value: number, breaks: number[]): string {
  let colour = EMPTY_COLOUR;
  breaks.forEach((bound, i) => {
    if (value >= bound) colour = CLASS_COLOURS[i];
  });
  return colour;
}

/** MapLibre's step expression for the same classes as colourOf. */
export function fillExpression(breaks: number[]): ['step', ['get', string], string, ...Array<number | string>] | string {
  if (breaks.length === 0) return EMPTY_COLOUR;
  return ['step', ['get', 'value'], EMPTY_COLOUR, ...breaks.flatMap((bound, i) => [bound, CLASS_COLOURS[i]])];
}

/** The south-west and north-east corners of a collection's coordinates. */
export function boundsOf(collection: GeoJSON.FeatureCollection): [[number, number], [number, number]] | null {
  let box: [[number, number], [number, number]] | null = null;
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      box = box ? [[Math.min(box[0][0], x), Math.min(box[0][1], y)], [Math.max(box[1][0], x), Math.max(box[1][1], y)]] : [[x, y], [x, y]];
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const feature of collection.features) if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  return box;
}
