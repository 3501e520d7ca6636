// One merged event and every mention of it: the evidence in each article, with the rule that coded it.

import { get, seg } from '../api.js';
import { actorLink, articleLink, eventDate, pageHeader, quadBadge, section } from '../components.js';
import { h, link } from '../dom.js';
import { t } from '../i18n.js';

export const titleKey = 'event.title';

function facts(event) {
  const row = (key, ...value) => [h('dt', {}, t(key)), h('dd', {}, ...value)];
  return h('dl', { class: 'facts' },
    row('event.direction', actorLink(event.source), ' → ', actorLink(event.target)),
    row('events.col.quad', quadBadge(event.quad)),
    row('event.modality', t(`modality.${event.modality || 'asserted'}`)),
    row('event.negation', event.negated ? t('yes') : t('no')),
    row('event.date', eventDate(event), h('span', { class: 'muted' }, ` · ${dateEvidence(event)}`)),
    row('event.cameo', `${event.cameo || '—'} · ${t('event.score')} ${event.score ?? '—'}`),
    row('event.sources', t('event.source_counts', { articles: event.num_articles, sources: event.num_sources })),
    event.story_id ? row('event.story', link('story', [event.story_id], event.story_id)) : null);
}

/** Where the date came from and how precise it is, in words. */
export function dateEvidence(event) {
  const source = t(`date.source.${event.date_source || (event.date ? 'clause' : 'none')}`);
  return event.date_precision ? `${source} · ${t(`date.precision.${event.date_precision}`)}` : source;
}

function mentions(items) {
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ['event.article', 'event.evidence', 'event.rule'].map((k) => h('th', {}, t(k))))),
    h('tbody', {}, items.map((m) => h('tr', {},
      h('td', {}, articleLink(m, { at: m.evidence.start }),
        h('span', { class: 'meta' }, m.published || t('date.unknown'))),
      h('td', {}, h('q', {}, m.evidence.text)), h('td', {}, h('code', { class: 'rule' }, m.rule || '—'))))));
}

export async function render(main, { args }) {
  const found = await get(`/events/${seg(args[0])}`);
  const event = found.event;
  main.append(
    pageHeader(`${event.source || '?'} ${event.type} ${event.target || ''}`.trim(), event.text),
    section('event.facts', facts(event)), section('event.mentions', mentions(found.mentions)));
}
