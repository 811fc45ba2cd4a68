// The teacher's page of a class session: open a class, show its join code,
// link and QR code, steer the round, watch the class's choices beside the
// outcomes (class against its ghost), export the run.
import './style.css';
import './class.css';
import qrcode from 'qrcode-generator';
import echarts from './echarts.js';
import { catalog } from './api.js';
import { openClass, teacherApi } from './class-api.js';
import { DECISIONS, OUTCOMES, ROLE_WORDS, agentLines, answerWords } from './class-words.js';

const $ = (id) => document.getElementById(id);
const hash = new URLSearchParams(location.hash.slice(1));
const state = { id: null, secret: null, api: null, board: null, weeks: [], timer: null };
window.cogovTeacher = { state };

function alertText(text) {
  $('alert').hidden = !text;
  $('alert').textContent = text || '';
}

async function fillChoices() {
  const cat = await catalog();
  const add = (group, items, kind) => {
    const g = document.createElement('optgroup');
    g.label = group;
    for (const item of items) g.append(new Option(item.title, `${kind}:${item.id}`));
    $('choice').append(g);
  };
  add('Lessons', cat.lessons, 'lesson');
  add('Scenarios', cat.scenarios, 'scenario');
}

function showJoin(board, joinUrl) {
  $('code').textContent = board.code;
  $('join-link').href = joinUrl;
  $('join-link').textContent = joinUrl;
  const qr = qrcode(0, 'M');
  qr.addData(joinUrl);
  qr.make();
  $('qr').innerHTML = qr.createSvgTag({ cellSize: 6, margin: 2, scalable: true });
  const local = /\/\/(127\.|localhost|\[::1\])/.test(joinUrl);
  $('join-note').hidden = !local;
  $('join-note').textContent = 'This server listens on loopback only: phones cannot reach it. '
    + 'Restart with `cogov serve --host 0.0.0.0` (or this machine\'s network address) for a class.';
}

async function open() {
  const [kind, id] = $('choice').value.split(':');
  try {
    const opened = await openClass({ [kind]: id }, hash.get('key'));
    sessionStorage.setItem('cogov-class', JSON.stringify({ id: opened.id, secret: opened.secret, join: opened.join_url }));
    start(opened.id, opened.secret, opened.join_url);
  } catch (e) {
    alertText(e.message);
  }
}

function start(id, secret, joinUrl) {
  Object.assign(state, { id, secret, api: teacherApi(id, secret), weeks: [], shown: false });
  const keep = new URLSearchParams({ class: id, secret });
  if (hash.get('key')) keep.set('key', hash.get('key'));
  history.replaceState(null, '', `#${keep}`);
  $('room').hidden = false;
  state.joinUrl = joinUrl;
  clearInterval(state.timer);
  state.timer = setInterval(poll, 1000);
  poll();
}

async function poll() {
  try {
    const board = await state.api.board(state.weeks.length);
    state.weeks.push(...board.weeks);
    state.board = board;
    if (!state.shown) { showJoin(board, state.joinUrl || `${location.origin}/join.html?code=${board.code}`); state.shown = true; }
    render(board);
    alertText('');
  } catch (e) {
    alertText(e.status === 404 ? 'This class has ended on the server. Open a new one.' : `No contact with the server: ${e.message}`);
    if (e.status === 404 || e.status === 403) clearInterval(state.timer);
  }
}

function render(board) {
  const s = board.status;
  $('week').textContent = `week ${s.step} of ${s.steps_total}${s.ended ? ' (round ended)' : s.playing ? ' (playing)' : ''}`;
  $('play').textContent = s.playing ? 'Pause' : 'Play';
  for (const b of ['play', 'step', 'end']) $(b).disabled = s.ended;
  $('export').classList.toggle('disabled', s.step < 1);
  $('export-ghost').classList.toggle('disabled', s.step < 1);
  $('counts').innerHTML = '';
  for (const [role, c] of Object.entries(board.counts)) {
    const li = document.createElement('li');
    li.textContent = `${ROLE_WORDS[role]}s: ${c.players} of ${c.cap}`;
    $('counts').append(li);
  }
  renderTallies(board.tallies);
  renderPlayers(board.players);
  renderOutcomes();
}

function renderTallies(tallies) {
  $('tallies').innerHTML = '';
  for (const [decision, t] of Object.entries(tallies)) {
    const d = DECISIONS[decision];
    const div = document.createElement('div');
    div.className = 'tally';
    div.innerHTML = `<span class="q"></span><span class="yes"></span><span class="no"></span>`;
    div.querySelector('.q').textContent = d.question;
    div.querySelector('.yes').textContent = `${d.yes}: ${t.yes}`;
    div.querySelector('.no').textContent = `${d.no}: ${t.no}`;
    $('tallies').append(div);
  }
}

function renderPlayers(players) {
  const body = $('players').querySelector('tbody');
  body.innerHTML = '';
  for (const p of players) {
    const tr = document.createElement('tr');
    const cells = [p.name, ROLE_WORDS[p.role],
      Object.entries(p.choices).map(([d, c]) => answerWords(d, c)).join('; '),
      agentLines(p.role, p.agent).join('; ')];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
}

function renderOutcomes() {
  const last = state.weeks[state.weeks.length - 1];
  $('monitors').innerHTML = '';
  for (const [key, label, fmt] of OUTCOMES) {
    const div = document.createElement('div');
    div.className = 'monitor-box';
    const c = last ? last.class[key] : null, g = last ? last.ghost[key] : null;
    const diff = c != null && g != null ? c - g : null;
    div.innerHTML = '<span class="label"></span><span class="class-value"></span><span class="ghost-value"></span>';
    div.querySelector('.label').textContent = label;
    div.querySelector('.class-value').textContent = c == null ? '–' : `class ${fmt(c)}`;
    div.querySelector('.ghost-value').textContent = diff == null ? 'model alone –'
      : `model alone ${fmt(g)} (${diff >= 0 ? '+' : '−'}${fmt(Math.abs(diff))})`;
    $('monitors').append(div);
  }
  drawChart();
}

let chart = null;
function drawChart() {
  chart = chart || echarts.init($('chart'));
  const line = (name, key, side, color, ghost) => ({
    name, type: 'line', showSymbol: false, animation: false,
    data: state.weeks.map((w) => [w.step, 100 * (w[side][key] ?? NaN)]),
    lineStyle: { color, width: ghost ? 2 : 3, type: ghost ? 'dashed' : 'solid', opacity: ghost ? 0.6 : 1 },
    itemStyle: { color },
  });
  chart.setOption({
    textStyle: { fontSize: 15 },
    legend: { top: 0, textStyle: { fontSize: 15 } },
    grid: { left: 60, right: 20, top: 60, bottom: 45 },
    xAxis: { type: 'value', name: 'week', nameLocation: 'middle', nameGap: 28, min: 0, max: 'dataMax', minInterval: 1, axisLabel: { fontSize: 14 } },
    yAxis: { type: 'value', name: '%', min: 0, max: 100, axisLabel: { fontSize: 14 } },
    series: [
      line('Taking part: class', 'participation', 'class', '#0072b2', false),
      line('Taking part: model alone', 'participation', 'ghost', '#0072b2', true),
      line('Trust in government: class', 'trust_government', 'class', '#d55e00', false),
      line('Trust in government: model alone', 'trust_government', 'ghost', '#d55e00', true),
    ],
  });
}

async function control(body) {
  try {
    const board = await state.api.control(body);
    render({ ...board, weeks: [] });
  } catch (e) {
    alertText(e.message);
  }
}

async function exportRun(event, run) {
  event.preventDefault();
  try {
    const blob = await state.api.exportBlob(run);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `cogov-${run === 'ghost' ? 'model-alone' : 'class'}-week${state.board.status.step}.h5`;
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) {
    alertText(e.message);
  }
}

$('open').addEventListener('click', open);
$('play').addEventListener('click', () => control({ action: state.board && state.board.status.playing ? 'pause' : 'play' }));
$('step').addEventListener('click', () => control({ action: 'step' }));
$('end').addEventListener('click', () => { if (confirm('End the round? Students can no longer choose.')) control({ action: 'end' }); });
$('speed').addEventListener('change', () => control({ speed: Number($('speed').value) }));
$('export').addEventListener('click', (e) => exportRun(e, 'class'));
$('export-ghost').addEventListener('click', (e) => exportRun(e, 'ghost'));
window.addEventListener('resize', () => chart && chart.resize());

fillChoices().catch((e) => alertText(e.message));
if (hash.get('class') && hash.get('secret')) {
  const saved = JSON.parse(sessionStorage.getItem('cogov-class') || 'null');
  start(hash.get('class'), hash.get('secret'), saved && saved.id === hash.get('class') ? saved.join : null);
}
