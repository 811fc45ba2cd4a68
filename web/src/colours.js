// One colour scale for trust everywhere: brown (none) through cream to teal
// (full), ColorBrewer's BrBG, safe for red-green colour blindness (Brewer,
// https://colorbrewer2.org).

const STOPS = [
  [0.0, [140, 81, 10]],
  [0.5, [246, 232, 195]],
  [1.0, [1, 102, 94]],
];

export const TRUST_COLOURS = STOPS.map(([, c]) => `rgb(${c.join(',')})`);

export function trustColour(t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const i = x <= STOPS[1][0] ? 0 : 1;
  const [x0, c0] = STOPS[i];
  const [x1, c1] = STOPS[i + 1];
  const f = (x - x0) / (x1 - x0);
  const c = c0.map((v, k) => Math.round(v + f * (c1[k] - v)));
  return `rgb(${c.join(',')})`;
}
