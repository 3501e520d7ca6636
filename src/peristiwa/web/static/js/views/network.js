// The actor network: who acted on whom, edges coloured by their main quad (GET /v1/network).

import { get } from '../api.js';
import { empty, pageHeader, QUADS } from '../components.js';
import { h, route } from '../dom.js';
import { t } from '../i18n.js';
import { networkChart } from '../charts/network.js';
import { legend } from '../charts/timeline.js';

export const titleKey = 'nav.network';

function filterForm(query) {
  const quad = h('select', { name: 'quad' }, h('option', { value: '' }, t('filter.any')),
    QUADS.map((q) => h('option', { value: q, selected: q === query.quad }, t(`quad.${q}`))));
  const min = h('input', { type: 'number', name: 'min_events', min: 1, value: query.min_events || 1, size: 4 });
  const since = h('input', { type: 'date', name: 'since', value: query.since || '' });
  const until = h('input', { type: 'date', name: 'until', value: query.until || '' });
  return h('form', { class: 'filters inline', id: 'network-filters', 'on:submit': (e) => {
    e.preventDefault();
    location.hash = route('network', [], { quad: quad.value, min_events: min.value > 1 ? min.value : '',
      since: since.value, until: until.value });
  } }, h('label', { class: 'field' }, h('span', {}, t('filter.quad')), quad),
  h('label', { class: 'field' }, h('span', {}, t('network.min_events')), min),
  h('label', { class: 'field' }, h('span', {}, t('filter.since')), since),
  h('label', { class: 'field' }, h('span', {}, t('filter.until')), until),
  h('button', { type: 'submit', class: 'btn' }, t('filter.apply')));
}

export async function render(main, { query }) {
  const graph = await get('/network', { quad: query.quad, min_events: query.min_events, since: query.since,
    until: query.until, limit: 150 });
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const chart = graph.edges.length ? networkChart(graph.edges, t('network.title'), names) : empty();
  const counts = { nodes: graph.nodes.length, edges: graph.edges.length };
  main.append(pageHeader(t('network.title'), t('network.subtitle', counts)),
    h('div', { class: 'card' }, filterForm(query), chart, legend(),
      h('p', { class: 'muted' }, t('network.help'))));
}
