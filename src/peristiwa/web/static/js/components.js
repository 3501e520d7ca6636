// Pieces several views share: section boxes, quad badges, actor links, the event table, a pager.

import { h, link } from './dom.js';
import { t } from './i18n.js';

export const QUADS = ['V-coop', 'M-coop', 'V-conf', 'M-conf'];

export function section(titleKey, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, t(titleKey)), ...children);
}

export function pageHeader(title, subtitle) {
  return h('div', { class: 'page-header' }, h('h1', {}, title), subtitle ? h('p', { class: 'sub' }, subtitle) : null);
}

export function empty(key = 'empty') {
  return h('p', { class: 'empty' }, t(key));
}

export function quadBadge(quad) {
  if (!quad) return h('span', { class: 'quad quad-none' }, '—');
  return h('span', { class: `quad quad-${quad}`, title: t(`quad.${quad}`) }, t(`quad.short.${quad}`));
}

export function actorLink(code) {
  return code ? link('actor', [code], code, {}, { class: 'actor-code' }) : h('span', { class: 'muted' }, '—');
}

/** Only http(s) addresses become links: a `javascript:` or `data:` URL stored with an article stays text. */
export function webUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An article's address: a link that opens outside the app when it is a web address, else plain text. */
export function externalLink(url, label = url) {
  const href = webUrl(url);
  return href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank', class: 'external' }, label)
    : h('span', { class: 'url-text' }, url);
}

/** What a list calls an article: its title, else its first sentence (`lead`), else its web address, else its id. */
export function articleLabel(article) {
  const address = webUrl(article.url || article.source || '');
  return article.title || article.lead || address || `${t('article.untitled')} · ${article.id || article.article_id}`;
}

/** A link to an article, named by `articleLabel`. */
export function articleLink(article, query = {}) {
  return link('article', [article.id || article.article_id], articleLabel(article), query);
}

function flags(event) {
  const out = [];
  if (event.negated) out.push(h('span', { class: 'flag flag-neg' }, t('event.negated')));
  if (event.modality && event.modality !== 'asserted') {
    out.push(h('span', { class: 'flag' }, t(`modality.${event.modality}`)));
  }
  return out;
}

/** An event's date, saying where it came from (the title) and marking a date only its report gives. */
export function eventDate(event) {
  const source = event.date_source || (event.date ? 'clause' : 'none');
  if (!event.date) return h('span', { class: 'event-date muted', 'data-source': 'none', title: t('date.source.none') }, '—');
  const title = [t(`date.source.${source}`), event.date_precision ? t(`date.precision.${event.date_precision}`) : '']
    .filter(Boolean).join(' · ');
  return h('span', { class: `event-date${source === 'report' ? ' reported' : ''}`, 'data-source': source, title },
    event.date, source === 'report' ? h('span', { class: 'date-flag' }, ` ${t('date.reported_mark')}`) : null);
}

/** A table of merged events (rows of GET /v1/events). */
export function eventTable(events) {
  if (!events.length) return empty('events.none');
  const head = ['events.col.date', 'events.col.source', 'events.col.type', 'events.col.target', 'events.col.quad',
    'events.col.text', 'events.col.mentions'];
  const rows = events.map((e) => h('tr', {},
    h('td', { class: 'nowrap' }, eventDate(e)),
    h('td', {}, actorLink(e.source)),
    h('td', {}, h('span', { class: 'etype', title: t(`type.${e.type}`) }, e.type),
      e.mode ? h('span', { class: 'muted' }, ` (${e.mode})`) : null, ' ', flags(e)),
    h('td', {}, actorLink(e.target)),
    h('td', {}, quadBadge(e.quad)),
    h('td', { class: 'evidence' }, eventText(e)),
    h('td', { class: 'num' }, e.num_mentions ?? '')));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data events-table' },
    h('thead', {}, h('tr', {}, head.map((k) => h('th', {}, t(k))))), h('tbody', {}, rows)));
}

function eventText(event) {
  return event.event_id ? link('event', [event.event_id], event.text || event.type) : event.text || '';
}

/** Previous / next buttons for offset paging. */
export function pager(offset, limit, count, total, go) {
  const prev = h('button', { type: 'button', class: 'btn', disabled: offset <= 0,
    'on:click': () => go(Math.max(0, offset - limit)) }, `← ${t('pager.prev')}`);
  const next = h('button', { type: 'button', class: 'btn', disabled: offset + count >= total,
    'on:click': () => go(offset + limit) }, `${t('pager.next')} →`);
  const where = count ? t('pager.range', { from: offset + 1, to: offset + count, total }) : '';
  return h('div', { class: 'pager' }, prev, h('span', { class: 'muted' }, where), next);
}
