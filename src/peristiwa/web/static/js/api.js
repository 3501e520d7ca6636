// The REST API (docs/api.md). One place knows the base path and the error shape.

export const BASE = '/v1';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The address of an API route with its query parameters (empty values left out). */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined) query.set(key, value);
  }
  const qs = query.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** GET a JSON route; a 4xx/5xx becomes an ApiError carrying the server's own message. */
export async function get(path, params = {}) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body && body.error) || {};
    throw new ApiError(response.status, error.code || 'http_error', error.message || `HTTP ${response.status}`);
  }
  return body;
}

/** Path segments are encoded so an id or code can never change the route. */
export function seg(value) {
  return encodeURIComponent(value);
}

const TOKEN_KEY = 'peristiwa.token';

/** The write token the analyst gave this tab (kept for the session only), or ''. */
export function writeToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setWriteToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
}

/** POST JSON to a write route, with the token when one is set; errors as in `get`. */
export function post(path, body = {}) {
  return send('POST', path, body);
}

/** POST or DELETE a JSON route, with the token when one is set; errors as `get` gives them. */
export async function send(method, path, body = undefined) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (writeToken()) headers.Authorization = `Bearer ${writeToken()}`;
  const response = await fetch(apiUrl(path), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (answer && answer.error) || {};
    throw new ApiError(response.status, error.code || 'http_error', error.message || `HTTP ${response.status}`);
  }
  return answer;
}
