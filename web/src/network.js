// The network of one community: residents clustered by grid cell around
// the community's institutions, every tie coloured by trust.
import echarts from './echarts.js';
import { trustColour } from './colours.js';
import { ACTOR_LABELS } from './charts.js';

const INNER = 34;       // radius of the ring of institutions
const GOLDEN = Math.PI * (3 - Math.sqrt(5));
const INSTITUTION_SYMBOL = { 0: 'diamond', 1: 'triangle', 2: 'rect', 3: 'roundRect', 4: 'circle' };

// Fixed positions: each grid cell a disc of residents, the discs on a ring
// around the institutions.
function residentPositions(residents) {
  const cells = new Map();
  residents.forEach(([cell], i) => {
    if (!cells.has(cell)) cells.set(cell, []);
    cells.get(cell).push(i);
  });
  const n = cells.size;
  const biggest = Math.max(...[...cells.values()].map((m) => m.length));
  const disc = 4 * Math.sqrt(biggest);
  const ring = Math.max(INNER + disc + 16, (1.25 * n * disc) / Math.PI);
  const pos = [];
  [...cells.values()].forEach((members, k) => {
    const angle = (2 * Math.PI * k) / n - Math.PI / 2;
    const cx = ring * Math.cos(angle), cy = ring * Math.sin(angle);
    members.forEach((i, m) => {
      const r = disc * Math.sqrt((m + 0.5) / members.length);
      pos[i] = [cx + r * Math.cos(m * GOLDEN), cy + r * Math.sin(m * GOLDEN)];
    });
  });
  return pos;
}

function institutionPosition(i, n) {
  if (i === 0) return [0, 0];
  const angle = (2 * Math.PI * (i - 1)) / Math.max(1, n - 1);
  return [INNER * Math.cos(angle), INNER * Math.sin(angle)];
}

// "Street", "Committee", "P1" (property company 1), "S2" (social organization 2).
function shortLabel(inst) {
  if (inst.actor === 0) return 'Street';
  if (inst.actor === 3) return 'Committee';
  return (inst.actor === 2 ? 'P' : 'S') + (Number(inst.id.split('-').pop()) + 1);
}

function edge(source, target, trust, width, opacity) {
  return { source, target, value: trust, lineStyle: { color: trustColour(trust), width, opacity } };
}

export class NetworkView {
  constructor(lensSelect) {
    this.chart = echarts.init(document.getElementById('network-chart'));
    this.lens = 3; // colour residents by their trust in the committee
    ACTOR_LABELS.forEach((label, a) => lensSelect.add(new Option(label, a, a === 3, a === 3)));
    lensSelect.addEventListener('change', () => {
      this.lens = Number(lensSelect.value);
      if (this.last) this.draw(this.last);
    });
    this.chart.setOption({
      animation: false,
      tooltip: { formatter: (p) => p.data.tip || '' },
      series: [{ type: 'graph', layout: 'none', roam: true, data: [], links: [], emphasis: { focus: 'adjacency' } }],
    });
    window.addEventListener('resize', () => this.chart.resize());
  }

  draw(net) {
    this.last = net;
    const residents = residentPositions(net.residents);
    const nInst = net.institutions.length;
    const nodes = net.residents.map((r, i) => ({
      name: `r${i}`,
      x: residents[i][0], y: residents[i][1],
      symbolSize: 6,
      itemStyle: { color: trustColour(r[1 + this.lens]), borderColor: '#666', borderWidth: 0.3 },
      tip: `resident ${i + 1} (cell ${r[0] + 1})<br>trust in ${ACTOR_LABELS[this.lens].toLowerCase()}: ${r[1 + this.lens].toFixed(2)}`,
    }));
    net.institutions.forEach((inst, k) => {
      const [x, y] = institutionPosition(k, nInst);
      nodes.push({
        name: inst.id, x, y, symbol: INSTITUTION_SYMBOL[inst.actor] || 'circle', symbolSize: 16,
        itemStyle: { color: trustColour(inst.trust), borderColor: '#222', borderWidth: 1 },
        label: { show: true, formatter: shortLabel(inst), fontSize: 9, position: 'right' },
        tip: `${inst.label}<br>residents' mean trust in ${ACTOR_LABELS[inst.actor].toLowerCase()}: ${inst.trust.toFixed(2)}`,
      });
    });
    const inst = (k) => `${net.institutions[k].id}`;
    const links = [
      ...net.ties.map(([i, j, t]) => edge(`r${i}`, `r${j}`, t, 0.6, 0.55)),
      ...net.issues.map(([i, k, t]) => edge(`r${i}`, inst(k), t, 0.8, 0.8)),
      ...net.links.map(([a, b, t]) => edge(inst(a), inst(b), t, 2.5, 0.95)),
    ];
    this.chart.setOption({ series: [{ data: nodes, links }] });
  }
}
