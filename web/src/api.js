// Talking to `cogov serve`: JSON requests and the session's event stream.

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `request failed (${status})`);
    this.status = status;
    this.problems = (body && body.problems) || [];
  }
}

async function request(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const catalog = () => request('GET', '/api/catalog');

export const startSession = (choice) => request('POST', '/api/sessions', choice);

export function sessionApi(id) {
  const base = `/api/sessions/${id}`;
  return {
    status: () => request('GET', base),
    control: (body) => request('POST', `${base}/control`, body),
    set: (key, value) => request('POST', `${base}/set`, { key, value }),
    shock: (shock) => request('POST', `${base}/shock`, { shock }),
    exportUrl: `${base}/export`,
    scenarioUrl: `${base}/scenario`,
    // Frees the session at once when the tab goes away; the server also
    // notices the closed stream by itself.
    close: () => fetch(base, { method: 'DELETE', keepalive: true }).catch(() => {}),
    stream(handlers) {
      const source = new EventSource(`${base}/stream`);
      for (const [event, handle] of Object.entries(handlers)) {
        source.addEventListener(event, (e) => handle(JSON.parse(e.data)));
      }
      return source;
    },
  };
}
