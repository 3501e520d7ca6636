// Actors with their event counts (GET /v1/actors), filterable by code or name.

import { get } from '../api.js';
import { actorLink, empty, pageHeader, pager } from '../components.js';
import { h, link, route } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.actors';
const PAGE = 50;

function table(items) {
  if (!items.length) return empty();
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ['actor.code', 'actor.name', 'actor.events', 'actor.as_source', 'actor.as_target',
      'actor.mentions'].map((k) => h('th', {}, t(k))))),
    h('tbody', {}, items.map((a) => h('tr', {},
      h('td', {}, actorLink(a.code)), h('td', {}, a.name || ''), h('td', { class: 'num' }, a.events),
      h('td', { class: 'num' }, a.as_source), h('td', { class: 'num' }, a.as_target),
      h('td', { class: 'num' }, a.mentions)))));
}

export async function render(main, { query }) {
  const offset = Math.max(0, Number(query.offset) || 0);
  const page = await get('/actors', { q: query.q, limit: PAGE, offset });
  const input = h('input', { type: 'search', name: 'q', value: query.q || '', placeholder: t('actors.filter') });
  const form = h('form', { class: 'filters inline', 'on:submit': (e) => {
    e.preventDefault();
    location.hash = route('actors', [], { q: input.value.trim() });
  } }, input, h('button', { type: 'submit', class: 'btn' }, t('filter.apply')));
  const go = (next) => { location.hash = route('actors', [], { q: query.q, offset: next || '' }); };
  main.append(pageHeader(t('actors.title'), t('actors.total', { n: page.total })),
    h('div', { class: 'card' }, form, table(page.items), pager(offset, PAGE, page.items.length, page.total, go)),
    h('p', { class: 'muted' }, link('network', [], t('actors.see_network'))));
}
