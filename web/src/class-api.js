// Talking to `cogov serve` about class sessions: the teacher's calls carry
// the class's secret, a student's its player token (both in headers).
import { ApiError } from './api.js';

async function request(method, path, body, headers = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const openClass = (choice, key) =>
  request('POST', '/api/classes', choice, key ? { 'X-Teacher-Key': key } : {});

export function teacherApi(id, secret) {
  const base = `/api/classes/${id}`;
  const auth = { 'X-Teacher-Secret': secret };
  return {
    board: (since) => request('GET', `${base}/board?since=${since}`, undefined, auth),
    control: (body) => request('POST', `${base}/control`, body, auth),
    // The export needs the secret header, so it is fetched, not linked.
    async exportBlob(run = 'class') {
      const res = await fetch(`${base}/export?run=${run}`, { headers: auth });
      if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
      return res.blob();
    },
  };
}

export const joinClass = (code, role, name) => request('POST', '/api/join', { code, role, name });

export function playerApi(id, token) {
  const base = `/api/classes/${id}`;
  const auth = { 'X-Player-Token': token };
  return {
    me: () => request('GET', `${base}/me`, undefined, auth),
    choose: (decision, choice) => request('POST', `${base}/choose`, { decision, choice }, auth),
  };
}
