// A student's page of a class session: join with the class code, take a
// role, then answer its two questions; the answers stand week after week
// until changed. A reload rejoins (class and token kept in the tab).
import './style.css';
import './class.css';
import { joinClass, playerApi } from './class-api.js';
import { DECISIONS, ROLE_WORDS, agentLines } from './class-words.js';

const $ = (id) => document.getElementById(id);
const state = { id: null, api: null, view: null, timer: null };
window.cogovStudent = { state };

function alertText(text) {
  $('alert').hidden = !text;
  $('alert').textContent = text || '';
}

function begin(id, token) {
  state.id = id;
  state.api = playerApi(id, token);
  sessionStorage.setItem('cogov-player', JSON.stringify({ id, token }));
  $('join').hidden = true;
  $('play').hidden = false;
  clearInterval(state.timer);
  state.timer = setInterval(poll, 1500);
}

async function join(event) {
  event.preventDefault();
  const role = new FormData($('join')).get('role');
  try {
    const view = await joinClass($('code').value, role, $('name').value.trim() || 'student');
    begin(view.class, view.token);
    render(view);
  } catch (e) {
    alertText(e.message);
  }
}

async function poll() {
  try {
    render(await state.api.me());
    alertText('');
  } catch (e) {
    if (e.status === 403 || e.status === 404) {
      clearInterval(state.timer);
      sessionStorage.removeItem('cogov-player');
      $('join').hidden = false;
      $('play').hidden = true;
    }
    alertText(e.status ? e.message : 'No contact with the server; trying again.');
  }
}

async function choose(decision, choice) {
  if (decision === 'bid' && choice === 'no' && !confirm('Exit for good? Your organization closes and cannot come back.')) return;
  try {
    render(await state.api.choose(decision, choice));
    alertText('');
  } catch (e) {
    alertText(e.message);
  }
}

function render(view) {
  state.view = view;
  $('week').textContent = `week ${view.week} of ${view.weeks}${view.ended ? ' (ended)' : view.playing ? '' : ' (paused)'}`;
  $('who').textContent = `${view.name}: ${ROLE_WORDS[view.role]}`;
  $('agent').innerHTML = '';
  for (const line of agentLines(view.role, view.agent)) {
    const li = document.createElement('li');
    li.textContent = line;
    $('agent').append(li);
  }
  $('ended').hidden = !view.ended;
  $('decisions').innerHTML = '';
  for (const [decision, current] of Object.entries(view.choices)) {
    const d = DECISIONS[decision];
    const box = document.createElement('div');
    box.className = 'decision';
    const q = document.createElement('p');
    q.textContent = d.question;
    box.append(q);
    for (const choice of ['yes', 'no']) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = d[choice];
      b.dataset.decision = decision;
      b.dataset.choice = choice;
      b.className = current === choice ? 'picked' : '';
      b.setAttribute('aria-pressed', String(current === choice));
      b.disabled = view.ended;
      b.addEventListener('click', () => choose(decision, choice));
      box.append(b);
    }
    $('decisions').append(box);
  }
}

$('join').addEventListener('submit', join);
const code = new URLSearchParams(location.search).get('code');
if (code) $('code').value = code;
const saved = JSON.parse(sessionStorage.getItem('cogov-player') || 'null');
if (saved) {
  begin(saved.id, saved.token);
  poll();
}
