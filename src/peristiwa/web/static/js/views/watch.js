// Following feeds: the watched sources and their state, the watch lists (add, delete) and the latest alerts.

import { get, send } from '../api.js';
import { actorLink, empty, externalLink, pageHeader, QUADS, section } from '../components.js';
import { clear, h, link } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.watch';

function when(value) {
  return value ? value.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—';
}

function table(id, head, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id },
    h('thead', {}, h('tr', {}, head.map((k) => h('th', {}, t(k))))), h('tbody', {}, rows)));
}

function feedTable(feeds) {
  if (!feeds.length) return h('div', {}, empty('watch.no_feeds'), h('pre', {}, 'peristiwa watch FEED_URL... --db FILE\n'
    + 'peristiwa serve --db FILE --watch FEED_URL'));
  return table('feeds-table', ['watch.col.source', 'watch.col.kind', 'watch.col.last_success', 'watch.col.next_poll',
    'watch.col.articles', 'watch.col.last_error'], feeds.map((f) => h('tr', { class: f.failures ? 'failing' : null },
    h('td', { class: 'evidence' }, externalLink(f.url)),
    h('td', {}, f.kind || '—'),
    h('td', { class: 'nowrap' }, when(f.last_success)),
    h('td', { class: 'nowrap' }, when(f.next_poll)),
    h('td', { class: 'num' }, f.articles ?? 0),
    h('td', { class: 'evidence' }, f.last_error ? `${f.last_error} (${when(f.last_error_at)})` : '—'))));
}

function describe(query) {
  const parts = [];
  if (query.actors && query.actors.length) parts.push(`${t('watch.q.actors')}: ${query.actors.join(', ')}`);
  if (query.source || query.target) parts.push(`${query.source || '*'} → ${query.target || '*'}`);
  if (query.types && query.types.length) parts.push(query.types.join(', '));
  if (query.quad) parts.push(t(`quad.${query.quad}`));
  if (query.place) parts.push(`${t('watch.q.place')}: ${query.place}`);
  if (query.keywords && query.keywords.length) parts.push(`“${query.keywords.join('”, “')}”`);
  return parts.join(' · ');
}

function listTable(lists, refresh, problem) {
  if (!lists.length) return empty('watch.no_lists');
  return table('watchlists-table', ['watch.col.name', 'watch.col.query', 'watch.col.webhook', 'watch.col.alerts', ''],
    lists.map((w) => h('tr', { 'data-name': w.name },
      h('td', {}, w.name),
      h('td', {}, describe(w.query)),
      h('td', { class: 'evidence' }, w.webhook || '—'),
      h('td', { class: 'num' }, w.alerts),
      h('td', {}, h('button', { type: 'button', class: 'btn delete', 'on:click': async () => {
        try {
          await send('DELETE', `/watchlists/${encodeURIComponent(w.name)}`);
          refresh();
        } catch (error) {
          problem(error);
        }
      } }, t('watch.delete'))))));
}

function words(value) {
  return value.split(',').map((w) => w.trim()).filter(Boolean);
}

function listForm(done, problem) {
  const input = (name, hint = '') => h('label', { class: 'field' }, h('span', {}, t(`watch.f.${name}`)),
    h('input', { name, placeholder: hint, size: 14 }));
  const quad = h('label', { class: 'field' }, h('span', {}, t('watch.f.quad')),
    h('select', { name: 'quad' }, h('option', { value: '' }, t('filter.any')),
      QUADS.map((q) => h('option', { value: q }, t(`quad.${q}`)))));
  const form = h('form', { class: 'filters', id: 'watchlist-form' },
    input('name'), input('actors', 'RUS, UKR'), input('source'), input('target'), input('types', 'ATTACK, ACCUSE'),
    quad, input('place'), input('keywords'), input('webhook', 'https://…'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, t('watch.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const body = {
      name: data.name.trim(),
      query: {
        actors: words(data.actors), types: words(data.types.toUpperCase()), keywords: words(data.keywords),
        source: data.source.trim() || null, target: data.target.trim() || null, quad: data.quad || null,
        place: data.place.trim() || null,
      },
      webhook: data.webhook.trim() || null,
    };
    try {
      await send('POST', '/watchlists', body);
      form.reset();
      done();
    } catch (error) {
      problem(error);
    }
  });
  return form;
}

function alertList(alerts) {
  if (!alerts.length) return empty('watch.no_alerts');
  return h('ul', { class: 'list', id: 'alerts-list' }, alerts.map((a) => h('li', {},
    h('strong', {}, a.watchlist), ' · ', actorLink(a.event.source), ` ${a.event.type} `, actorLink(a.event.target),
    ' · ', link('event', [a.event_id], a.event.text || a.event_id),
    h('span', { class: 'meta' }, [when(a.created), a.delivered ? t('watch.delivered') : a.last_error || '']
      .filter(Boolean).join(' · ')))));
}

export async function render(main) {
  const [feeds, lists, alerts] = await Promise.all([get('/feeds'), get('/watchlists'), get('/alerts', { limit: 30 })]);
  const box = h('div', {});
  const message = h('div', { class: 'form-message', role: 'status' });
  const problem = (error) => { clear(message).append(h('div', { class: 'error-box', role: 'alert' }, error.message)); };
  const refresh = async () => {
    const fresh = await get('/watchlists');
    clear(message);
    clear(box).append(listTable(fresh, refresh, problem));
  };
  box.append(listTable(lists, refresh, problem));
  main.append(
    pageHeader(t('watch.title'), t('watch.subtitle')),
    section('watch.lists', listForm(refresh, problem), message, box),
    section('watch.alerts', alertList(alerts)),
    section('watch.feeds', feedTable(feeds)),
  );
}
