// Two actors: what each did to the other, per month and quad, and the events themselves.

import { get, seg } from '../api.js';
import { actorLink, eventTable, pageHeader, section } from '../components.js';
import { h, link } from '../dom.js';
import { t } from '../i18n.js';
import { timelineChart } from '../charts/timeline.js';

export const titleKey = 'dyad.title';
export const pageTitle = (ctx) => `${ctx.args[0] || ''} → ${ctx.args[1] || ''}`;

function direction(a, b, timeline, events) {
  const title = t('dyad.direction', { a, b });
  return h('section', { class: 'card' }, h('h2', {}, actorLink(a), ' → ', actorLink(b)),
    timelineChart(timeline.months, title), eventTable(events.items));
}

export async function render(main, { args }) {
  const [a, b] = args;
  if (!a || !b) throw new Error(t('dyad.need_two'));
  const [ab, ba, abEvents, baEvents] = await Promise.all([
    get(`/dyads/${seg(a)}/${seg(b)}/timeline`), get(`/dyads/${seg(b)}/${seg(a)}/timeline`),
    get('/events', { source: a, target: b, order: 'date', limit: 50 }),
    get('/events', { source: b, target: a, order: 'date', limit: 50 }),
  ]);
  main.append(
    pageHeader(t('dyad.heading', { a, b }), t('dyad.counts', { ab: abEvents.total, ba: baEvents.total })),
    h('p', {}, link('dyad', [b, a], `⇄ ${t('dyad.swap')}`)),
    ab.months.length && ba.months.length ? section('dyad.both', timelineChart(
      [...ab.months, ...ba.months], t('dyad.direction', { a, b: `${b} (${t('dyad.both_short')})` }))) : '',
    direction(a, b, ab, abEvents), direction(b, a, ba, baEvents));
}
