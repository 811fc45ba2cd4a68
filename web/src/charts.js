// The time-series views: trust over time, the trust matrix, participation
// and the issue funnel, redrawn from the frames the server streams.
import echarts from './echarts.js';
import { TRUST_COLOURS } from './colours.js';

export const ACTOR_LABELS = ['Government', 'Social orgs', 'Property cos', 'Committee', 'Residents'];
const GOV = 0, SOCORG = 1, PROPERTY = 2, COMMITTEE = 3, RESIDENTS = 4;

// Lines of the trust chart: who trusts whom (rows and columns of the matrix).
export const TRUST_LINES = [
  { name: 'Residents → government', from: RESIDENTS, to: GOV },
  { name: 'Residents → social orgs', from: RESIDENTS, to: SOCORG },
  { name: 'Residents → property cos', from: RESIDENTS, to: PROPERTY },
  { name: 'Residents → committee', from: RESIDENTS, to: COMMITTEE },
  { name: 'Residents → neighbours', from: RESIDENTS, to: RESIDENTS },
  { name: 'Social orgs → government', from: SOCORG, to: GOV },
  { name: 'Committee → government', from: COMMITTEE, to: GOV },
];

const FUNNEL_WEEKS = 13;
const base = { animation: false, textStyle: { fontFamily: 'inherit' } };

function trustOption() {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '' : v.toFixed(3)) },
    legend: { top: 0, itemGap: 8, textStyle: { fontSize: 11 } },
    grid: { left: 44, right: 16, top: 58, bottom: 30 },
    xAxis: { type: 'value', name: 'week', nameLocation: 'middle', nameGap: 22, min: 0, max: 'dataMax' },
    yAxis: { type: 'value', min: 0, max: 1, name: 'trust' },
    series: TRUST_LINES.map((l) => ({ name: l.name, type: 'line', showSymbol: false, data: [] })),
  };
}

// A trust value, or a dash where there is nobody of that type to trust.
const cellText = (v, digits) => (typeof v === 'number' ? v.toFixed(digits) : '—');

function matrixOption() {
  return {
    ...base,
    tooltip: { formatter: (p) => `${ACTOR_LABELS[p.value[1]]} → ${ACTOR_LABELS[p.value[0]]}: ${cellText(p.value[2], 3)}` },
    grid: { left: 90, right: 16, top: 8, bottom: 60 },
    xAxis: { type: 'category', data: ACTOR_LABELS, axisLabel: { interval: 0, rotate: 25 } },
    yAxis: { type: 'category', data: ACTOR_LABELS, inverse: true },
    visualMap: { min: 0, max: 1, calculable: false, show: false, inRange: { color: TRUST_COLOURS } },
    series: [{ type: 'heatmap', data: [], label: { show: true, formatter: (p) => cellText(p.value[2], 2) } }],
  };
}

function participationOption() {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '' : v.toFixed(3)) },
    legend: { top: 0 },
    grid: { left: 50, right: 50, top: 36, bottom: 30 },
    xAxis: { type: 'value', name: 'week', nameLocation: 'middle', nameGap: 22, min: 0, max: 'dataMax' },
    yAxis: [
      { type: 'value', name: 'share taking part', min: 0 },
      { type: 'value', name: '', min: 0 },
    ],
    series: [
      { name: 'Participation rate', type: 'line', showSymbol: false, data: [] },
      { name: '', type: 'line', showSymbol: false, yAxisIndex: 1, data: [] },
    ],
  };
}

function funnelOption() {
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{
      type: 'funnel', sort: 'none', left: 10, right: 10, top: 10, bottom: 10, minSize: '8%',
      label: { show: true, position: 'inside', formatter: '{b}: {c}' },
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

function changeMarks(changes) {
  return {
    symbol: 'none', silent: true, lineStyle: { color: '#555', type: 'dashed' },
    label: { formatter: (p) => p.name, position: 'insideEndTop', fontSize: 10 },
    data: changes.map((c) => ({ xAxis: c.step - 0.5, name: c.key.split('.').pop() })),
  };
}

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
    window.addEventListener('resize', () => this.all().forEach((c) => c.resize()));
  }

  all() { return [this.trust, this.matrix, this.participation, this.funnel]; }

  // The output series drawn beside participation (right axis).
  setMetric(metric) {
    this.metric = metric.name;
    const name = metric.name.replace(/_/g, ' ');
    this.participation.setOption({
      yAxis: [{}, { name: metric.unit }],
      series: [{}, { name }],
    });
  }

  // Redraw everything from the frames so far and the live changes.
  draw(frames, changes) {
    const at = (f, line) => f.trust[line.from * 5 + line.to];
    this.trust.setOption({
      series: TRUST_LINES.map((l, i) => ({
        data: frames.map((f) => [f.step, at(f, l)]),
        ...(i === 0 ? { markLine: changeMarks(changes) } : {}),
      })),
    });
    const last = frames[frames.length - 1];
    const cells = [];
    if (last) {
      for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) cells.push([b, a, last.trust[a * 5 + b] ?? '-']);
    }
    this.matrix.setOption({ series: [{ data: cells }] });
    this.participation.setOption({
      series: [
        { data: frames.map((f) => [f.step, f.metrics.participation_rate]) },
        { data: frames.map((f) => [f.step, f.metrics[this.metric]]) },
      ],
    });
    this.funnel.setOption({ series: [{ data: funnelData(frames) }] });
  }
}
