// The classroom page: pick a lesson or scenario, run it, pull the levers,
// and watch the charts the server streams week by week.
import './style.css';
import { ApiError, catalog as fetchCatalog, sessionApi, startSession } from './api.js';
import { Charts } from './charts.js';
import { Controls } from './controls.js';
import { NetworkView } from './network.js';

const $ = (id) => document.getElementById(id);

const state = { catalog: null, session: null, api: null, source: null, frames: [], previous: [], status: null, network: null };

// Plain words for a live change: the lever's label and value, or the shock.
function changeWords(c) {
  if (c.note.startsWith('shock: ')) return c.note.slice(7);
  if (c.note.startsWith('end of shock: ')) return `end of ${c.note.slice(14)}`;
  const control = state.catalog && state.catalog.controls.find((k) => k.key === c.key);
  const label = control ? control.label : c.key;
  if (typeof c.value === 'boolean') return `${label}: ${c.value ? 'on' : 'off'}`;
  return `${label} = ${control && control.unit === 'probability' ? `${Math.round(100 * c.value)}%` : c.value}`;
}

// A metric in plain words: its meaning, with the unit (shares as %).
function metricWords(m) {
  const unit = m.unit === 'share' ? '%' : m.unit;
  const words = m.name.replace(/_/g, ' ').replace(/\bsocorgs?\b/, 'social orgs').replace(/ mean$/, ' (mean)');
  return { ...m, label: `${words[0].toUpperCase()}${words.slice(1)} (${unit})` };
}

function showError(err) {
  const box = $('alert');
  if (!err) {
    box.hidden = true;
    return;
  }
  const problems = err instanceof ApiError && err.problems.length > 1 ? ` (${err.problems.join('; ')})` : '';
  box.textContent = `${err.message}${problems}`;
  box.hidden = false;
}

async function act(fn) {
  try {
    showError(null);
    const status = await fn();
    if (status) showStatus(status);
  } catch (err) {
    showError(err);
    if (state.status) controls.show(state.status.params, true);
  }
}

// Redraw at most once per animation frame, however fast weeks arrive.
let pending = false;
function redraw() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    const st = state.status;
    charts.draw(state.frames, state.previous, st ? st.events || [] : [], st ? st.changes : []);
    showMonitor();
    if (state.network) network.draw(state.network);
  });
}

// The big-number monitor: the lesson's series now against the city left
// alone (the ghost), so a lever's effect reads as a number within weeks.
function showMonitor() {
  const box = $('monitor');
  const last = state.frames[state.frames.length - 1];
  const m = charts.metric;
  if (!last || !last.ghost || !m) {
    box.hidden = true;
    return;
  }
  const scale = m.unit === 'share' ? 100 : 1;
  const now = last.metrics[m.name], alone = last.ghost.metrics[m.name];
  if (now == null || alone == null) {
    box.hidden = true;
    return;
  }
  const fmt = (v) => (Math.abs(v * scale) >= 100 ? Math.round(v * scale) : Number((v * scale).toPrecision(3))).toLocaleString('en');
  const diff = now - alone;
  const unit = m.unit === 'share' ? ' points' : '';
  $('monitor-label').textContent = m.label;
  $('monitor-now').textContent = fmt(now);
  $('monitor-ghost').textContent = fmt(alone);
  $('monitor-diff').textContent = `${diff >= 0 ? '+' : '−'}${fmt(Math.abs(diff))}${unit}`;
  box.hidden = false;
}

function showStatus(status) {
  state.status = status;
  $('week').textContent = `${status.label}: week ${status.step} of ${status.steps_total}` +
    (status.playing ? ' (playing)' : '') + (status.finished ? ' — finished: reset to run again' : '') +
    (status.error ? ` — stopped: ${status.error}` : '');
  $('play').textContent = status.playing ? 'Pause' : 'Play';
  $('play').disabled = status.finished;
  $('step').disabled = status.finished;
  if (controls) controls.enable(!status.finished);
  for (const id of ['export', 'scenario']) $(id).classList.toggle('disabled', status.step < 1);
  controls.show(status.params);
  const list = $('changes');
  list.replaceChildren(...status.changes.map((c) => {
    const li = document.createElement('li');
    li.textContent = `week ${c.step}: ${changeWords(c)}`;
    li.title = `${c.key} = ${c.value}`;
    return li;
  }));
  if (status.error) showError(new Error(status.error));
  redraw();
}

function chooseMetric(name) {
  const metric = state.catalog.vocabulary.metrics.find((m) => m.name === name);
  if (!metric) return;
  $('metric').value = name;
  charts.setMetric(metricWords(metric));
  redraw();
}

function showLesson(entry) {
  $('lesson').hidden = !entry || !entry.watch;
  charts.setLines(entry && entry.trust);
  if (!entry || !entry.watch) {
    controls.highlight([]);
    return;
  }
  chooseMetric(entry.metric);
  $('lesson-title').textContent = entry.title;
  $('lesson-summary').textContent = entry.summary;
  $('lesson-watch').textContent = entry.watch;
  $('lesson-question').textContent = entry.question;
  controls.highlight(entry.controls || []);
}

function closeSession(free = true) {
  if (state.source) state.source.close();
  if (state.api && free) state.api.close();
  for (const b of ['play', 'step', 'reset']) $(b).disabled = true;
  if (controls) controls.enable(false);
  Object.assign(state, { session: null, api: null, source: null, frames: [], previous: [], network: null, status: null });
}

// The server stopped answering: say so instead of showing "(playing)".
function showLost(lost) {
  $('lost').hidden = !lost;
  if (lost) $('week').textContent = $('week').textContent.replace(' (playing)', '') + ' — no contact';
}

// Attach the page to session `status.id`: stream, buttons, URL (so a
// reload comes back to the same run).
function attach(status, entry) {
  state.session = status.id;
  state.api = sessionApi(status.id);
  $('export').href = state.api.exportUrl;
  $('scenario').href = state.api.scenarioUrl;
  showLesson(entry);
  for (const b of ['play', 'step', 'reset']) $(b).disabled = false;
  controls.enable(true);
  const url = new URL(window.location.href);
  url.searchParams.set('session', status.id);
  window.history.replaceState(null, '', url);
  state.source = state.api.stream({
    frame: (f) => { state.frames.push(f); showLost(false); redraw(); },
    network: (n) => { state.network = n; redraw(); },
    status: (s) => { showLost(false); showStatus(s); },
    reset: () => {
      if (state.frames.length) state.previous = state.frames;
      state.frames = [];
      state.network = null;
      redraw();
    },
  });
  state.source.onerror = () => showLost(true);
  state.source.onopen = () => showLost(false);
}

// The catalog entry a session was started from ("lesson asymmetry").
function entryOf(label) {
  const [kind, id] = (label || '').split(' ');
  const list = kind === 'lesson' ? state.catalog.lessons : state.catalog.scenarios;
  return list.find((e) => e.id === id);
}

// A reload with ?session=ID rejoins that run if the server still has it.
async function rejoin() {
  const id = new URL(window.location.href).searchParams.get('session');
  if (!id || !/^[0-9a-f]{32}$/.test(id)) return;
  try {
    const status = await sessionApi(id).status();
    attach(status, entryOf(status.label));
    showStatus(status);
  } catch (err) {
    showError(new Error('The run in this link has ended (the server frees a run soon after its page closes). Start a new one.'));
  }
}

async function start() {
  const [kind, id] = $('choice').value.split(':');
  if (state.status && state.status.step > 0 &&
      !window.confirm('Start a new run? The current run ends (export it first to keep it).')) return;
  closeSession();
  await act(async () => {
    const status = await startSession({ [kind]: id });
    const list = kind === 'lesson' ? state.catalog.lessons : state.catalog.scenarios;
    attach(status, list.find((e) => e.id === id));
    await state.api.control({ speed: Number($('speed').value) });
    return status;
  });
}

function fillChoices(catalog) {
  const select = $('choice');
  const group = (label, kind, entries) => {
    const g = document.createElement('optgroup');
    g.label = label;
    for (const e of entries) g.append(new Option(`${e.title} (${e.residents} residents)`, `${kind}:${e.id}`));
    select.append(g);
  };
  group('Lessons', 'lesson', catalog.lessons);
  group('Library scenarios', 'scenario', catalog.scenarios);
}

const charts = new Charts();
const network = new NetworkView($('lens'));
let controls;

async function main() {
  try {
    state.catalog = await fetchCatalog();
  } catch (err) {
    showError(err);
    return;
  }
  controls = new Controls($('controls'), $('shocks'), state.catalog, {
    onSet: (key, value) => act(() => state.api.set(key, value)),
    onShock: (shock) => act(() => state.api.shock(shock)),
  });
  charts.setWords(changeWords);
  fillChoices(state.catalog);
  for (const m of state.catalog.vocabulary.metrics) {
    const option = new Option(metricWords(m).label, m.name);
    option.title = m.meaning;
    $('metric').add(option);
  }
  $('metric').addEventListener('change', () => chooseMetric($('metric').value));
  chooseMetric('resolution_rate');
  $('start').addEventListener('click', start);
  $('play').addEventListener('click', () =>
    act(() => state.api.control({ action: state.status && state.status.playing ? 'pause' : 'play' })));
  $('step').addEventListener('click', () => act(() => state.api.control({ action: 'step' })));
  $('reset').addEventListener('click', () => {
    if (state.status && state.status.step > 0 &&
        !window.confirm('Start this run over? The run so far stays on the charts as a dotted line.')) return;
    act(() => state.api.control({ action: 'reset' }));
  });
  $('present').addEventListener('click', () => {
    const on = document.body.classList.toggle('present');
    $('present').setAttribute('aria-pressed', on);
    // The lesson text folds away on the projector (the Show button opens it).
    $('lesson-body').hidden = on;
    $('lesson-toggle').setAttribute('aria-expanded', !on);
    $('lesson-toggle').textContent = on ? 'Show' : 'Hide';
    charts.all().forEach((c) => c.resize());
  });
  $('lesson-toggle').addEventListener('click', () => {
    const open = $('lesson-body').hidden;
    $('lesson-body').hidden = !open;
    $('lesson-toggle').setAttribute('aria-expanded', open);
    $('lesson-toggle').textContent = open ? 'Hide' : 'Show';
  });
  $('speed').addEventListener('change', () => state.api && act(() => state.api.control({ speed: Number($('speed').value) })));
  for (const id of ['export', 'scenario']) {
    $(id).addEventListener('click', (e) => { if ($(id).classList.contains('disabled')) e.preventDefault(); });
  }
  // A closed tab stops its stream; the server frees the run when nobody
  // comes back within its idle timeout, so a reload rejoins it.
  window.addEventListener('pagehide', () => closeSession(false));
  await rejoin();
}

// Read-only handles for tests and for the curious in the browser console.
window.cogovClassroom = { state, charts, network };
main();
