// One article: the clean text with highlighted entities, quotes, dates and events. Hover shows a short
// description; a click pins the full detail (event type, source → target, modality, negation, rule) in the
// side panel.
// All article text goes in as text nodes: it is untrusted.

import { get, post, seg } from '../api.js';
import { actorLink, empty, externalLink, quadBadge, section } from '../components.js';
import { clear, h, link } from '../dom.js';
import { t } from '../i18n.js';
import { annotations, KINDS, segments } from '../spans.js';
import { detail, summary } from './article_detail.js';

export const titleKey = 'article.title';

function highlightedText(article, anns) {
  const body = h('div', { class: 'article-text', id: 'article-text' });
  for (const part of segments(article.text.length, anns)) {
    const text = article.text.slice(part.start, part.end);
    if (!part.covering.length) { body.append(document.createTextNode(text)); continue; }
    const classes = new Set(['hl']);
    for (const a of part.covering) {
      classes.add(`hl-${a.kind}`);
      if (a.kind === 'entity') classes.add(`hl-entity-${a.item.type}`);
      if (a.kind === 'event' && a.item.quad) classes.add(`hl-${a.item.quad}`);
    }
    body.append(h('span', { class: [...classes].join(' '), tabindex: 0, 'data-start': part.start,
      'data-ann': part.covering.map((a) => a.id).join(' '), 'data-kinds': part.covering.map((a) => a.kind).join(' ') },
    text));
  }
  return body;
}

function legend(textBox) {
  return h('div', { class: 'legend kinds' }, KINDS.map((kind) => {
    const box = h('input', { type: 'checkbox', checked: true, 'data-kind': kind,
      'on:change': (e) => textBox.classList.toggle(`hide-${kind}`, !e.target.checked) });
    return h('label', { class: `legend-item kind-${kind}` }, box, h('span', { class: `swatch hl-${kind}` }),
      t(`kind.${kind}`));
  }));
}

/** Hover: a floating tip. Click / Enter: the full detail in the side panel. */
function wireInteractions(textBox, byId, panel, tip) {
  const coveringOf = (el) => (el.dataset.ann || '').split(' ').map((id) => byId.get(id)).filter(Boolean);
  const mark = (ids, cls, on) => ids.forEach((id) => textBox.querySelectorAll(`[data-ann~="${id}"]`)
    .forEach((el) => el.classList.toggle(cls, on)));
  const select = (el, preferred) => {
    textBox.querySelectorAll('.selected').forEach((x) => x.classList.remove('selected'));
    const covering = coveringOf(el).sort((a, b) => (b.id === preferred) - (a.id === preferred));
    mark([covering[0].id], 'selected', true);
    clear(panel).append(...covering.map(detail));
  };
  textBox.addEventListener('click', (e) => { const el = e.target.closest('.hl'); if (el) select(el); });
  textBox.addEventListener('keydown', (e) => {
    const el = e.target.closest('.hl');
    if (el && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(el); }
  });
  const showTip = (e) => {
    const el = e.target.closest('.hl');
    if (!el) return;
    const covering = coveringOf(el);
    mark([covering[0].id], 'hover', true);
    clear(tip).append(...covering.map(summary));
    const box = el.getBoundingClientRect();
    tip.style.left = `${Math.max(8, box.left + window.scrollX)}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
    tip.hidden = false;
  };
  const hideTip = (e) => {
    if (!e.target.closest('.hl')) return;
    textBox.querySelectorAll('.hover').forEach((x) => x.classList.remove('hover'));
    tip.hidden = true;
  };
  textBox.addEventListener('mouseover', showTip);
  textBox.addEventListener('focusin', showTip); // keyboard readers get the same tip
  textBox.addEventListener('mouseout', hideTip);
  textBox.addEventListener('focusout', hideTip);
  return select;
}

/** Date, outlet, address (a link only for http(s)), byline and story; the file it was read from is in `source`. */
function meta(article) {
  const parts = [h('span', {}, article.published || t('date.unknown')),
    article.outlet ? h('span', { class: 'outlet' }, article.outlet) : null,
    article.url ? externalLink(article.url) : null,
    article.byline ? h('span', {}, article.byline) : null,
    article.story_id ? link('story', [article.story_id], t('article.story')) : null].filter(Boolean);
  return h('p', { class: 'sub meta-line' }, parts.flatMap((part, i) => (i ? [' · ', part] : [part])));
}

function source(article) {
  if (!article.path) return null;
  return h('details', { class: 'source-details' }, h('summary', {}, t('article.source_file')),
    h('code', { class: 'source-path' }, article.path));
}

/** The mark of an item an analyst's correction set (events, quotes, entities, dates alike). */
function correctedMark(item) {
  return item.corrected ? h('span', { class: 'tag corrected-mark', title: t('article.corrected') },
    `✎ ${t('article.corrected')}`) : '';
}

function eventRows(article, select) {
  if (!article.events.length) return empty('events.none');
  return h('table', { class: 'data compact' },
    h('thead', {}, h('tr', {}, ['events.col.source', 'events.col.type', 'events.col.target', 'events.col.quad',
      'event.rule'].map((k) => h('th', {}, t(k))))),
    h('tbody', {}, article.events.map((e, i) => h('tr', { class: 'clickable', 'data-event': i,
      'on:click': () => select(`event-${i}`) },
    h('td', {}, actorLink(e.source)), h('td', {}, e.type, e.negated ? ` (${t('event.negated')})` : '',
      correctedMark(e)),
    h('td', {}, actorLink(e.target)), h('td', {}, quadBadge(e.quad)), h('td', { class: 'mono' }, e.rule || '')))));
}

/** The article's entities by type, each colour keyed to its underline in the text. */
function entityList(article, select) {
  const types = [...new Set(article.entities.map((e) => e.type))].sort();
  if (!types.length) return empty();
  return h('div', { class: 'entity-list' }, types.map((type) => h('div', { class: 'entity-type' },
    h('h3', {}, h('span', { class: `swatch ent-${type}` }), t(`entity.type.${type}`)),
    h('ul', { class: 'list compact-list' }, article.entities.filter((e) => e.type === type).map((e) => h('li', {},
      h('button', { type: 'button', class: 'linkish', 'on:click': () => select(firstMentionId(article, e)) }, e.name),
      e.actor ? [' ', actorLink(e.actor)] : null,
      h('span', { class: 'count' }, String((e.mentions || []).length)), correctedMark(e)))))));
}

function firstMentionId(article, entity) {
  let n = 0;
  for (const e of article.entities) {
    if (e === entity) return `entity-${n}`;
    n += (e.mentions || []).length;
  }
  return null;
}

function quoteList(article) {
  if (!article.quotes.length) return empty();
  return h('ul', { class: 'list quotes-list' }, article.quotes.map((q) => h('li', {},
    h('blockquote', { class: q.direct ? 'direct' : 'indirect' }, q.text),
    h('span', { class: 'meta' }, q.speaker || t('quote.unknown'), q.cue ? ` · ${q.cue}` : ''), correctedMark(q))));
}

/** The article's date expressions with the value each was read as. */
function dateList(article) {
  if (!article.dates.length) return empty();
  return h('ul', { class: 'list dates-list' }, article.dates.map((d) => h('li', {},
    h('span', {}, d.text), ' = ', h('span', { class: 'mono' }, d.value || '—'), correctedMark(d))));
}

/** The analysts' corrections of this article: what each changed, by whom, and which need a second look. */
function correctionList(article) {
  const items = article.corrections || [];
  if (!items.length) return null;
  return section('article.corrections', h('ul', { class: 'list corrections-list' }, items.map((c) => h('li', {
    class: c.review ? 'correction review' : 'correction' },
  h('span', { class: 'tag' }, t(`correction.${c.action}`)), ' ', `${c.item} ${c.target}`,
  Object.keys(c.fields || {}).length ? ` → ${Object.entries(c.fields).map(([k, v]) => `${k}: ${v}`).join(', ')}` : '',
  ` · ${c.author}`, c.note ? ` · ${c.note}` : '',
  c.review ? h('strong', { class: 'review-mark' }, ` ⚠ ${t('article.review')}`) : ''))));
}

/** What the analyst can correct, kind by kind: the article's items of that kind, the id the API names one by,
 * how the item reads in the list, and the fields a fix may set (`code`: an upper-case code; `flag`: a
 * true/false box, sent only when changed). */
const CORRECTABLE = {
  event: {
    items: (a) => a.events,
    target: (e) => e.mention_id,
    label: (e) => `${e.type} ${e.source || '-'}→${e.target || '-'} «${e.evidence ? e.evidence.text : ''}»`,
    fields: [{ name: 'type', code: true }, { name: 'source', code: true }, { name: 'target', code: true },
      { name: 'date' }, { name: 'negated', flag: true, label: 'event.negated' }],
  },
  quote: {
    items: (a) => a.quotes,
    target: (q) => String(q.seq),
    label: (q) => `${q.speaker || t('quote.unknown')}: «${q.text.slice(0, 60)}${q.text.length > 60 ? '…' : ''}»`,
    fields: [{ name: 'speaker' }],
  },
  entity: {
    items: (a) => a.entities,
    target: (e) => e.id,
    label: (e) => `${e.name} (${e.type}${e.actor ? `, ${e.actor}` : ''})`,
    fields: [{ name: 'type', code: true, label: 'correction.field.entity_type' }, { name: 'actor', code: true }],
  },
  date: {
    items: (a) => a.dates,
    target: (d) => String(d.seq),
    label: (d) => `${d.text} = ${d.value || '—'}`,
    fields: [{ name: 'value' }],
  },
};

/** The inputs of one kind's fields; blank means "leave as the machine has it". */
function fieldInputs(kind, item) {
  return CORRECTABLE[kind].fields.map((f) => {
    const label = t(f.label || `correction.field.${f.name}`);
    if (f.flag) {
      return h('label', {}, h('input', { type: 'checkbox', name: f.name, 'data-field': f.name, 'data-flag': 'true',
        checked: Boolean(item && item[f.name]) }), label);
    }
    return h('label', {}, label, h('input', { type: 'text', name: f.name, 'data-field': f.name,
      'data-code': f.code ? 'true' : '' }));
  });
}

/** The fields the analyst set: text as typed (codes upper-cased), a box only when it differs from the item. */
function fixedValues(box, item) {
  const values = {};
  for (const input of box.querySelectorAll('[data-field]')) {
    if (input.dataset.flag) {
      if (input.checked !== Boolean(item[input.name])) values[input.name] = input.checked;
    } else if (input.value.trim()) {
      values[input.name] = input.dataset.code ? input.value.trim().toUpperCase() : input.value.trim();
    }
  }
  return values;
}

/** Correct one of the article's events, quotes, entities or dates: mark it wrong, or fix its fields. Needs the
 * server's write token when it has one (given on the Knowledge page, kept for the session). */
function correctionForm(article) {
  const kinds = Object.keys(CORRECTABLE).filter((kind) => CORRECTABLE[kind].items(article).length);
  if (!kinds.length) return '';
  const status = h('div', { id: 'correction-status', 'aria-live': 'polite' });
  const kind = h('select', { id: 'correction-kind' }, kinds.map((k) => h('option', { value: k }, t(`kind.${k}`))));
  const which = h('select', { id: 'correction-item' });
  const fields = h('div', { id: 'correction-fields', class: 'correction-fields' });
  const chosen = () => CORRECTABLE[kind.value].items(article)[Number(which.value)];
  const showFields = () => clear(fields).append(...fieldInputs(kind.value, chosen()));
  const showItems = () => {
    const spec = CORRECTABLE[kind.value];
    clear(which).append(...spec.items(article).map((item, i) => h('option', { value: i }, spec.label(item))));
    showFields();
  };
  kind.addEventListener('change', showItems);
  which.addEventListener('change', showFields);
  const action = h('select', { id: 'correction-action' }, ['fix', 'wrong'].map((a) => h('option', { value: a },
    t(`correction.${a}`))));
  const note = h('input', { type: 'text', name: 'note', id: 'correction-note' });
  const form = h('form', { id: 'correction-form', class: 'card correction-form', 'on:submit': async (e) => {
    e.preventDefault();
    const item = chosen();
    try {
      await post('/corrections', { article_id: article.id, item: kind.value,
        target: CORRECTABLE[kind.value].target(item), action: action.value,
        fields: action.value === 'wrong' ? {} : fixedValues(fields, item), note: note.value.trim() || null,
        author: localStorage.getItem('peristiwa.author') || 'analyst' });
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      clear(status).append(h('p', { class: 'error-box', role: 'alert' }, error.message));
    }
  } },
  h('label', {}, t('correction.kind'), kind), h('label', {}, t('correction.item'), which),
  h('label', {}, t('correction.action'), action), fields, h('label', {}, t('kb.reason'), note),
  h('button', { type: 'submit', id: 'correction-save' }, t('kb.save')), status);
  showItems();
  return section('article.correct', form);
}

function removedList(article) {
  const items = article.removed || [];
  if (!items.length) return null;
  return h('details', { class: 'removed' }, h('summary', {}, t('article.removed', { n: items.length })),
    h('ul', { class: 'list' }, items.map((r) => h('li', {}, h('span', { class: 'tag' }, r.reason), ' ', r.text))));
}

export async function render(main, { args, query }) {
  const article = await get(`/articles/${seg(args[0])}`);
  for (const key of ['entities', 'quotes', 'dates', 'events']) article[key] = article[key] || [];
  nameParties(article);
  const anns = annotations(article);
  const byId = new Map(anns.map((a) => [a.id, a]));
  const textBox = highlightedText(article, anns);
  const panel = h('div', { class: 'detail-panel', id: 'detail-panel', 'aria-live': 'polite' }, empty('article.click'));
  const tip = h('div', { class: 'tip', id: 'span-tip', role: 'tooltip', hidden: true });
  const selectSpan = wireInteractions(textBox, byId, panel, tip);
  const select = (id) => { // from the lists below the text: show that annotation first
    const el = textBox.querySelector(`[data-ann~="${id}"]`);
    if (el) { el.scrollIntoView({ block: 'center' }); selectSpan(el, id); }
  };
  main.append(
    h('div', { class: 'page-header' }, h('h1', { id: 'article-title' }, article.title || t('article.untitled')),
      meta(article), source(article)),
    h('div', { class: 'article-layout' },
      h('article', { class: 'card' }, legend(textBox), textBox, removedList(article)),
      h('aside', { class: 'side' }, h('div', { class: 'card sticky' }, h('h2', {}, t('article.detail')), panel))),
    h('div', { class: 'grid two' }, section('article.events', eventRows(article, select)),
      section('article.quotes', quoteList(article))),
    correctionList(article) || '',
    correctionForm(article),
    h('div', { class: 'grid two' }, section('article.entities', entityList(article, select)),
      section('article.dates', dateList(article))),
    tip);
  if (query.at) requestAnimationFrame(() => focusOffset(textBox, Number(query.at)));
}

/** Events point at their parties by entity id within the article: show the entity names instead. */
function nameParties(article) {
  const names = new Map(article.entities.map((e) => [e.id, e.name]));
  for (const event of article.events) {
    event.source_entity = names.get(event.source_entity) || event.source_entity;
    event.target_entity = names.get(event.target_entity) || event.target_entity;
  }
}

function focusOffset(textBox, offset) {
  const el = [...textBox.querySelectorAll('.hl')].find((x) => Number(x.dataset.start) >= offset);
  if (el) { el.scrollIntoView({ block: 'center' }); el.classList.add('flash'); }
}
