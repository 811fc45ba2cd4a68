// The classroom page: pick a lesson or scenario, run it, pull the levers,
// and watch the charts the server streams week by week.
import './style.css';
import { ApiError, catalog as fetchCatalog, sessionApi, startSession } from './api.js';
import { Charts } from './charts.js';
import { Controls } from './controls.js';
import { NetworkView } from './network.js';

const $ = (id) => document.getElementById(id);

const state = { catalog: null, session: null, api: null, source: null, frames: [], status: null, network: null };

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
    charts.draw(state.frames, state.status ? state.status.changes : []);
    if (state.network) network.draw(state.network);
  });
}

function showStatus(status) {
  state.status = status;
  $('week').textContent = `${status.label}: week ${status.step} of ${status.steps_total}` +
    (status.playing ? ' (playing)' : '') + (status.error ? ` — stopped: ${status.error}` : '');
  $('play').textContent = status.playing ? 'Pause' : 'Play';
  $('play').disabled = status.finished;
  $('step').disabled = status.finished;
  for (const id of ['export', 'scenario']) $(id).classList.toggle('disabled', status.step < 1);
  controls.show(status.params);
  const list = $('changes');
  list.replaceChildren(...status.changes.map((c) => {
    const li = document.createElement('li');
    li.textContent = `week ${c.step}: ${c.key} = ${c.value} (${c.note})`;
    return li;
  }));
  if (status.error) showError(new Error(status.error));
  redraw();
}

function chooseMetric(name) {
  const metric = state.catalog.vocabulary.metrics.find((m) => m.name === name);
  if (!metric) return;
  $('metric').value = name;
  charts.setMetric(metric);
  redraw();
}

function showLesson(entry) {
  $('lesson').hidden = !entry || !entry.watch;
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

function closeSession() {
  if (state.source) state.source.close();
  if (state.api) state.api.close();
  for (const b of ['play', 'step', 'reset']) $(b).disabled = true;
  if (controls) controls.enable(false);
  Object.assign(state, { session: null, api: null, source: null, frames: [], network: null, status: null });
}

async function start() {
  const [kind, id] = $('choice').value.split(':');
  closeSession();
  await act(async () => {
    const status = await startSession({ [kind]: id });
    state.session = status.id;
    state.api = sessionApi(status.id);
    $('export').href = state.api.exportUrl;
    $('scenario').href = state.api.scenarioUrl;
    const list = kind === 'lesson' ? state.catalog.lessons : state.catalog.scenarios;
    showLesson(list.find((e) => e.id === id));
    for (const b of ['play', 'step', 'reset']) $(b).disabled = false;
    controls.enable(true);
    await state.api.control({ speed: Number($('speed').value) });
    state.source = state.api.stream({
      frame: (f) => { state.frames.push(f); redraw(); },
      network: (n) => { state.network = n; redraw(); },
      status: showStatus,
      reset: () => { state.frames = []; state.network = null; redraw(); },
    });
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
  fillChoices(state.catalog);
  for (const m of state.catalog.vocabulary.metrics) $('metric').add(new Option(m.name.replace(/_/g, ' '), m.name));
  $('metric').addEventListener('change', () => chooseMetric($('metric').value));
  chooseMetric('resolution_rate');
  $('start').addEventListener('click', start);
  $('play').addEventListener('click', () =>
    act(() => state.api.control({ action: state.status && state.status.playing ? 'pause' : 'play' })));
  $('step').addEventListener('click', () => act(() => state.api.control({ action: 'step' })));
  $('reset').addEventListener('click', () => act(() => state.api.control({ action: 'reset' })));
  $('speed').addEventListener('change', () => state.api && act(() => state.api.control({ speed: Number($('speed').value) })));
  for (const id of ['export', 'scenario']) {
    $(id).addEventListener('click', (e) => { if ($(id).classList.contains('disabled')) e.preventDefault(); });
  }
  window.addEventListener('pagehide', closeSession);
}

// Read-only handles for tests and for the curious in the browser console.
window.cogovClassroom = { state, charts, network };
main();
