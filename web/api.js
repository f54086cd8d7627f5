// The daemon's JSON API, as the workspace calls it. Same origin, so the TCP listener's
// Host and Origin checks pass; every error body is {"error": "..."}.

/** An answer that was not 2xx, with the daemon's own message. */
export class APIError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Sends the browser to the login form when the listener wants a token (http_token) and this
 * browser has no session, or its session ended.
 */
export function loginIfRefused(response) {
  if (response.status === 401) location.assign('/login');
}

async function read(response) {
  loginIfRefused(response);
  const type = response.headers.get('Content-Type') ?? '';
  const body = type.startsWith('application/json') ? await response.json() : null;
  if (!response.ok) throw new APIError(response.status, body?.error ?? `HTTP ${response.status}`);
  return body;
}

/** GET `path` (with `query` as its parameters, empty ones left out) as JSON. */
export async function get(path, query = {}) {
  return read(await fetch(withQuery(path, query), { headers: { Accept: 'application/json' } }));
}

/** `method` `path` with a JSON body. */
export async function send(method, path, body) {
  return read(await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

/** `path?query`, leaving out parameters that are empty. */
export function withQuery(path, query = {}) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '' && value !== false) parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Who this browser is to the daemon (`user_id` of uploads, chat history and corrections):
 * made once and kept, so each browser has its own chat history.
 */
export function userId() {
  let id = localStorage.getItem('invoiced.user');
  if (!id || !/^[\x21-\x7e]{1,128}$/.test(id)) {
    const random = crypto.getRandomValues(new Uint8Array(4));
    id = `web-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem('invoiced.user', id);
  }
  return id;
}

/**
 * POST /upload-image with `file`; answers {job_id, status, duplicate_of?}. A 503 (too many
 * uploads at once) is sent again after the Retry-After it names.
 */
export async function upload(file) {
  for (;;) {
    const form = new FormData();
    form.append('user_id', userId());
    form.append('image', file, file.name);
    const response = await fetch('/upload-image', { method: 'POST', body: form });
    if (response.status === 503 && response.headers.has('Retry-After')) {
      const seconds = Math.min(30, Number(response.headers.get('Retry-After')) || 5);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    return read(response);
  }
}

/**
 * Reads a Server-Sent Events body (`POST /chat` with stream), calling `onEvent(name, data)`
 * for each event as it arrives.
 */
export async function readEventStream(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
