// The time-series views: trust over time, the trust matrix, participation
// and the issue funnel, redrawn from the frames the server streams.
import echarts from './echarts.js';
import { TRUST_COLOURS } from './colours.js';

export const ACTOR_LABELS = ['Government', 'Social orgs', 'Property cos', 'Committee', 'Residents'];
const GOV = 0, SOCORG = 1, PROPERTY = 2, COMMITTEE = 3, RESIDENTS = 4;

// Lines of the trust chart: who trusts whom (rows and columns of the matrix),
// with the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008, "Color
// Universal Design", https://jfly.uni-koeln.de/color/).
export const TRUST_LINES = [
  { id: 'residents>government', name: 'Residents → government', from: RESIDENTS, to: GOV, colour: '#0072B2' },
  { id: 'residents>social_organization', name: 'Residents → social orgs', from: RESIDENTS, to: SOCORG, colour: '#E69F00' },
  { id: 'residents>property_company', name: 'Residents → property cos', from: RESIDENTS, to: PROPERTY, colour: '#CC79A7' },
  { id: 'residents>resident_committee', name: 'Residents → committee', from: RESIDENTS, to: COMMITTEE, colour: '#009E73' },
  { id: 'residents>residents', name: 'Residents → neighbours', from: RESIDENTS, to: RESIDENTS, colour: '#56B4E9' },
  { id: 'social_organization>government', name: 'Social orgs → government', from: SOCORG, to: GOV, colour: '#D55E00' },
  { id: 'resident_committee>government', name: 'Committee → government', from: COMMITTEE, to: GOV, colour: '#000000' },
];

const FUNNEL_WEEKS = 13;
const FONT = 14;  // projector-legible chart text, px
const base = { animation: false, textStyle: { fontFamily: 'inherit', fontSize: FONT } };
const axisText = { fontSize: FONT };
const GHOST = ' (city left alone)';
const PREVIOUS = ' (previous run)';

// Shares are shown as per cent.
export const isShare = (unit) => unit === 'share';
const shown = (unit, v) => (v == null ? null : isShare(unit) ? 100 * v : v);

function trustOption() {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '' : v.toFixed(2)) },
    legend: { top: 0, itemGap: 14, textStyle: axisText },
    grid: { left: 56, right: 24, top: 40, bottom: 44 },
    xAxis: { type: 'value', name: 'week', nameLocation: 'middle', nameGap: 26, min: 0, max: 'dataMax',
      axisLabel: axisText, nameTextStyle: axisText },
    yAxis: { type: 'value', min: 0, max: 1, name: 'trust (0-1)', axisLabel: axisText, nameTextStyle: axisText },
    series: [],
  };
}

// A trust value, or a dash where there is nobody of that type to trust.
const cellText = (v, digits) => (typeof v === 'number' ? v.toFixed(digits) : '—');

function matrixOption() {
  return {
    ...base,
    tooltip: { formatter: (p) => `${ACTOR_LABELS[p.value[1]]} → ${ACTOR_LABELS[p.value[0]]}: ${cellText(p.value[2], 3)}` },
    grid: { left: 110, right: 60, top: 8, bottom: 76 },
    xAxis: { type: 'category', data: ACTOR_LABELS, axisLabel: { interval: 0, rotate: 25, fontSize: FONT } },
    yAxis: { type: 'category', data: ACTOR_LABELS, inverse: true, axisLabel: axisText },
    visualMap: { min: 0, max: 1, calculable: false, show: true, orient: 'vertical', right: 0, top: 'middle', itemHeight: 90,
      text: ['full', 'none'], textStyle: axisText, inRange: { color: TRUST_COLOURS } },
    series: [{ type: 'heatmap', data: [], label: { show: true, fontSize: FONT, formatter: (p) => cellText(p.value[2], 2) } }],
  };
}

function participationOption() {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '' : Number(v).toPrecision(3)) },
    legend: { top: 0, textStyle: axisText },
    grid: { left: 56, right: 64, top: 48, bottom: 44 },
    xAxis: { type: 'value', name: 'week', nameLocation: 'middle', nameGap: 26, min: 0, max: 'dataMax',
      axisLabel: axisText, nameTextStyle: axisText },
    yAxis: [
      { type: 'value', name: '% taking part', min: 0, axisLabel: axisText, nameTextStyle: axisText },
      { type: 'value', name: '', min: 0, axisLabel: axisText, nameTextStyle: axisText },
    ],
    series: [],
  };
}

function funnelOption() {
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{
      type: 'funnel', sort: 'none', left: 10, right: 10, top: 10, bottom: 10, minSize: '8%',
      label: { show: true, position: 'inside', fontSize: FONT, formatter: '{b}: {c}' },
      data: [],
    }],
  };
}

function funnelData(frames) {
  const recent = frames.slice(-FUNNEL_WEEKS);
  const sum = (...names) => Math.round(recent.reduce((t, f) => t + names.reduce((s, n) => s + f.metrics[n], 0), 0));
  return [
    { name: 'Raised', value: sum('issues_raised') },
    { name: 'Reported or found', value: sum('issues_reported', 'issues_discovered') },
    { name: 'Handled', value: sum('issues_resolved', 'issues_failed') },
    { name: 'Resolved well', value: sum('issues_resolved') },
  ];
}

// Marks on the time axis: the scenario's scripted events and the live
// changes, one per week and note, in plain words.
function marks(events, changes, words) {
  const seen = new Map();
  for (const e of events) seen.set(`${e.step}|${e.note}`, { step: e.step, name: e.note });
  for (const c of changes) {
    const key = `${c.step}|${c.note}`;
    if (!seen.has(key)) seen.set(key, { step: c.step, name: words(c) });
  }
  return {
    symbol: 'none', silent: true, lineStyle: { color: '#444', type: 'dashed', width: 1.5 },
    label: { formatter: (p) => p.name, position: 'insideEndTop', fontSize: FONT, color: '#222' },
    data: [...seen.values()].map((m) => ({ xAxis: m.step - 0.5, name: m.name })),
  };
}

const line = (name, colour, data, style = {}) => ({
  name, type: 'line', showSymbol: false, data, color: colour, lineStyle: { width: 3, color: colour, ...style },
});
const ghostStyle = { width: 2, opacity: 0.4, type: 'dashed' };
const previousStyle = { width: 1.5, opacity: 0.55, type: 'dotted' };

export class Charts {
  constructor() {
    const make = (id, option) => {
      const chart = echarts.init(document.getElementById(id));
      chart.setOption(option);
      return chart;
    };
    this.trust = make('trust-chart', trustOption());
    this.matrix = make('matrix-chart', matrixOption());
    this.participation = make('participation-chart', participationOption());
    this.funnel = make('funnel-chart', funnelOption());
    this.lines = TRUST_LINES;
    this.metric = { name: 'resolution_rate', unit: 'share', label: 'resolution rate' };
    this.words = (c) => c.key;
    window.addEventListener('resize', () => this.all().forEach((c) => c.resize()));
  }

  all() { return [this.trust, this.matrix, this.participation, this.funnel]; }

  // The trust lines a lesson is about (all lines when it names none).
  setLines(ids) {
    this.lines = ids && ids.length ? TRUST_LINES.filter((l) => ids.includes(l.id)) : TRUST_LINES;
  }

  // The output series drawn beside participation (right axis).
  setMetric(metric) {
    this.metric = metric;
    this.participation.setOption({ yAxis: [{}, { name: isShare(metric.unit) ? '%' : metric.unit }] });
  }

  // How a live change reads on a chart mark.
  setWords(words) { this.words = words; }

  // Redraw everything from the frames so far (each with its ghost), the
  // frames of the run before the last reset, the scenario's events and the
  // live changes.
  draw(frames, previous, events, changes) {
    const at = (t, l) => (t ? t[l.from * 5 + l.to] : null);
    const trust = [];
    this.lines.forEach((l, i) => {
      trust.push({ ...line(l.name, l.colour, frames.map((f) => [f.step, at(f.trust, l)])),
        ...(i === 0 ? { markLine: marks(events, changes, this.words) } : {}) });
      trust.push(line(l.name + GHOST, l.colour, frames.map((f) => [f.step, at(f.ghost && f.ghost.trust, l)]), ghostStyle));
      if (previous.length) trust.push(line(l.name + PREVIOUS, l.colour, previous.map((f) => [f.step, at(f.trust, l)]), previousStyle));
    });
    this.trust.setOption({ legend: { data: this.lines.map((l) => l.name) }, series: trust }, { replaceMerge: ['series'] });
    const last = frames[frames.length - 1];
    const cells = [];
    if (last) {
      for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) cells.push([b, a, a === b && a !== RESIDENTS ? '-' : last.trust[a * 5 + b] ?? '-']);
    }
    this.matrix.setOption({ series: [{ data: cells }] });
    const m = this.metric;
    const value = (f, name, unit) => shown(unit, f && f.metrics ? f.metrics[name] : null);
    const series = [
      line('Participation (%)', '#0072B2', frames.map((f) => [f.step, value(f, 'participation_rate', 'share')])),
      line(m.label, '#D55E00', frames.map((f) => [f.step, value(f, m.name, m.unit)]), {}),
      line(m.label + GHOST, '#D55E00', frames.map((f) => [f.step, value(f.ghost, m.name, m.unit)]), ghostStyle),
    ];
    series[1].yAxisIndex = 1;
    series[2].yAxisIndex = 1;
    series[1].markLine = marks(events, changes, this.words);
    if (previous.length) {
      series.push({ ...line(m.label + PREVIOUS, '#D55E00', previous.map((f) => [f.step, value(f, m.name, m.unit)]), previousStyle), yAxisIndex: 1 });
    }
    this.participation.setOption({ legend: { data: ['Participation (%)', m.label, m.label + GHOST] }, series },
      { replaceMerge: ['series'] });
    this.funnel.setOption({ series: [{ data: funnelData(frames) }] });
  }
}
