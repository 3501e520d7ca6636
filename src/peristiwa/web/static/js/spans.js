// Turn an article's overlapping annotations (entities, quotes, dates, events) into flat text segments,
// each knowing every annotation that covers it. Pure functions: the article view draws the result.

export const KINDS = ['event', 'entity', 'date', 'quote'];  // most specific first: what a click shows first

/** Every annotation of an article (GET /v1/articles/{id}) as {id, kind, start, end, item}. */
export function annotations(article) {
  const out = [];
  const add = (kind, start, end, item, n) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) {
      out.push({ id: `${kind}-${n}`, kind, start, end, item });
    }
  };
  (article.events || []).forEach((e, i) => add('event', e.evidence?.start, e.evidence?.end, e, i));
  let n = 0;
  for (const entity of article.entities || []) {
    for (const m of entity.mentions || []) add('entity', m.start, m.end, { ...entity, mention: m }, n++);
  }
  (article.dates || []).forEach((d, i) => add('date', d.start, d.end, d, i));
  (article.quotes || []).forEach((q, i) => add('quote', q.start, q.end, q, i));
  return out;
}

/** [{start, end, covering: [annotation]}] covering the whole text, in order. */
export function segments(textLength, anns) {
  const cuts = new Set([0, textLength]);
  for (const a of anns) {
    cuts.add(Math.max(0, Math.min(textLength, a.start)));
    cuts.add(Math.max(0, Math.min(textLength, a.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]; const end = points[i + 1];
    const covering = anns.filter((a) => a.start <= start && a.end >= end);
    covering.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.end - a.start) - (b.end - b.start));
    out.push({ start, end, covering });
  }
  return out;
}
