// Live updates without a reload: while a view of stored data is open, ask GET /v1/updates every few seconds
// whether anything changed (three counts, cheap for the server) and render the view again when it has.

import { get } from './api.js';

export const LIVE_VIEWS = new Set(['home', 'events', 'actor', 'watch']);
const DEFAULT_EVERY = 5000; // ms; a test may set window.peristiwaLiveEvery
let timer = null;
let token = null;

function every() {
  return Number(window.peristiwaLiveEvery) || DEFAULT_EVERY;
}

/** Someone is typing in a form of the page: a refresh now would throw their input away. */
function typing() {
  const el = document.activeElement;
  return Boolean(el && el.matches && el.matches('input, select, textarea') && el.value);
}

export function stopFollowing() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

/** Poll for changes while `view` is shown; `refresh` renders it again (and calls `follow` anew). */
export function follow(view, refresh) {
  stopFollowing();
  if (!LIVE_VIEWS.has(view)) return;
  const tick = async () => {
    timer = null;
    try {
      const now = await get('/updates', token ? { since: token } : {});
      if (token === null || !now.changed) {
        token = now.token;
      } else if (!typing()) {
        token = now.token;
        document.body.dataset.liveToken = token;
        refresh();
        return;
      }
    } catch {
      // the server may be restarting: ask again at the next tick
    }
    timer = setTimeout(tick, every());
  };
  timer = setTimeout(tick, token === null ? 0 : every());
}
