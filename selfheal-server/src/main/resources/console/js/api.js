// The daemon's API with the signed-in token. The token lives in sessionStorage (this tab only,
// never in a URL) and travels only in the Authorization header.

const KEY = 'selfheal.token';

export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail || error || ('HTTP ' + status));
    this.status = status;
    this.error = error;
  }
}

export const session = {
  token: () => sessionStorage.getItem(KEY),
  signIn: token => sessionStorage.setItem(KEY, token),
  signOut: () => sessionStorage.removeItem(KEY),
};

function headers(extra = {}) {
  const token = session.token();
  return token ? { ...extra, Authorization: 'Bearer ' + token } : extra;
}

async function call(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    throw new ApiError(response.status, json && json.error, json && json.detail ? json.detail : text);
  }
  return json;
}

export const api = {
  get: path => call('GET', path),
  post: (path, body) => call('POST', path, body),
  put: (path, body) => call('PUT', path, body),
  del: path => call('DELETE', path),
};

/**
 * Server-sent events from /api/events, read with fetch so the token goes in a header
 * (EventSource cannot send one). Reconnects with a growing pause; onState gets
 * 'live' | 'reconnecting' | 'unauthorized'.
 */
export function listen(onEvent, onState) {
  const abort = new AbortController();
  let pause = 500;
  (async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch('/api/events', { headers: headers({ Accept: 'text/event-stream' }), signal: abort.signal });
        if (response.status === 401) { onState('unauthorized'); return; }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = parse(block);
            if (event) {
              if (event.topic === 'hello') { pause = 500; onState('live'); }
              onEvent(event.topic, event.data);
            }
          }
        }
      } catch (e) {
        if (abort.signal.aborted) return;
      }
      onState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10000);
    }
  })();
  return () => abort.abort();
}

function parse(block) {
  let topic = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') topic = value;
    if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  try { return { topic, data: JSON.parse(data.join('\n')) }; } catch { return { topic, data: null }; }
}
