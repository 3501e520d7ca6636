// What the article view says about one highlighted annotation: a one-line summary (hover) and a full card (click).

import { actorLink, eventDate, quadBadge } from '../components.js';
import { h, link } from '../dom.js';
import { t } from '../i18n.js';

function row(labelKey, ...value) {
  return h('div', { class: 'kv' }, h('dt', {}, t(labelKey)), h('dd', {}, ...value));
}

function party(code, name) {
  return h('span', {}, actorLink(code), name ? h('span', { class: 'muted' }, ` (${name})`) : null);
}

function eventCard(e) {
  const magnitude = e.magnitude && e.magnitude.value != null
    ? `${e.magnitude.value}${e.magnitude.unit ? ` ${e.magnitude.unit}` : ''}` : null;
  return [
    h('h3', {}, h('span', { class: 'etype' }, e.type), e.mode ? ` · ${e.mode}` : '', ' ', quadBadge(e.quad)),
    h('dl', {},
      row('event.direction', party(e.source, e.source_entity), ' → ', party(e.target, e.target_entity)),
      row('event.modality', t(`modality.${e.modality || 'asserted'}`)),
      row('event.negation', e.negated ? t('yes') : t('no')),
      row('event.date', eventDate(e)),
      magnitude ? row('event.magnitude', magnitude) : null,
      e.location && e.location.name ? row('event.location', e.location.name) : null,
      row('event.cameo', `${e.cameo || '—'} · ${t('event.score')} ${e.score ?? '—'}`),
      row('event.rule', h('code', { class: 'rule' }, e.rule || '—')),
      row('event.evidence', h('q', {}, e.evidence.text))),
    e.source && e.target ? link('dyad', [e.source, e.target], t('event.open_dyad')) : null,
  ];
}

function entityCard(e) {
  return [
    h('h3', {}, e.name, ' ', h('span', { class: `tag type-${e.type}` }, e.type)),
    h('dl', {},
      row('entity.actor', actorLink(e.actor)),
      e.role ? row('entity.role', e.role) : null,
      e.sector ? row('entity.sector', e.sector) : null,
      row('entity.mention', h('q', {}, e.mention.text))),
  ];
}

function quoteCard(q) {
  return [
    h('h3', {}, t(q.direct ? 'quote.direct' : 'quote.indirect')),
    h('dl', {},
      row('quote.speaker', q.speaker ? link('quotes', [], q.speaker, { speaker: q.speaker }) : t('quote.unknown')),
      row('quote.cue', q.cue || '—'),
      row('quote.text', h('q', {}, q.text))),
  ];
}

function dateCard(d) {
  return [h('h3', {}, t('kind.date')), h('dl', {}, row('date.text', d.text), row('date.value', d.value || '—'))];
}

const CARDS = { event: eventCard, entity: entityCard, quote: quoteCard, date: dateCard };

/** The full card for the side panel. */
export function detail(ann) {
  return h('div', { class: `detail detail-${ann.kind}`, 'data-kind': ann.kind }, CARDS[ann.kind](ann.item));
}

/** One line for the hover tip. */
export function summary(ann) {
  const item = ann.item;
  const text = {
    event: () => `${item.type}: ${item.source || '?'} → ${item.target || '—'}` +
      `${item.negated ? ` · ${t('event.negated')}` : ''} · ${t(`modality.${item.modality || 'asserted'}`)}` +
      ` · ${t('event.rule')}: ${item.rule || '—'}`,
    entity: () => `${item.name} (${item.type}${item.actor ? `, ${item.actor}` : ''})`,
    quote: () => `${t('quote.speaker')}: ${item.speaker || t('quote.unknown')}`,
    date: () => `${item.text} = ${item.value || '—'}`,
  }[ann.kind]();
  return h('div', { class: `tip-line tip-${ann.kind}` }, h('span', { class: `swatch hl-${ann.kind}` }), text);
}
