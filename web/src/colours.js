// One colour scale for trust everywhere: red (none) through sand to green (full).

const STOPS = [
  [0.0, [215, 48, 39]],
  [0.5, [254, 224, 139]],
  [1.0, [26, 152, 80]],
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
