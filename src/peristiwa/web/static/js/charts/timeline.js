// Stacked bar chart: events per month, one colour per PLOVER quad; the events that only their report dates are
// the paler, hatched part of each bar; events with no date at all (date source "none") in a bar of their own.

import { h, s } from '../dom.js';
import { t } from '../i18n.js';
import { QUADS } from '../components.js';

const WIDTH = 900;
const HEIGHT = 240;
const PAD = { left: 44, right: 36, top: 12, bottom: 40 };

function monthKey(value) {
  return value ? value.slice(0, 7) : null;
}

/** Every month from the first to the last present, so gaps show as gaps. */
function monthRange(keys) {
  if (!keys.length) return [];
  const sorted = [...keys].sort();
  let [year, month] = sorted[0].split('-').map(Number);
  const last = sorted[sorted.length - 1];
  const out = [];
  for (let key = sorted[0]; key <= last && out.length < 600; ) {
    out.push(key);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
    key = `${year}-${String(month).padStart(2, '0')}`;
  }
  return out;
}

/** rows: [{month, quad, events, reported}] → [{key, counts: {quad: n}, reported: {quad: n}, total}] in time
 * order; `reported` (of `events`) are dated only by their report. */
export function bucketRows(rows) {
  const byMonth = new Map();
  for (const row of rows) {
    const key = monthKey(row.month) ?? 'undated';
    const bucket = byMonth.get(key) || { counts: {}, reported: {} };
    const quad = row.quad || 'none';
    bucket.counts[quad] = (bucket.counts[quad] || 0) + Number(row.events || 0);
    bucket.reported[quad] = (bucket.reported[quad] || 0) + Number(row.reported || 0);
    byMonth.set(key, bucket);
  }
  const months = monthRange([...byMonth.keys()].filter((k) => k !== 'undated'));
  if (byMonth.has('undated')) months.push('undated');
  return months.map((key) => {
    const { counts, reported } = byMonth.get(key) || { counts: {}, reported: {} };
    return { key, counts, reported, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });
}

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above the value, so the axis ends on a round number. */
function niceMax(value) {
  if (value <= 5) return Math.max(1, value);
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= value);
}

function yAxis(max, plotHeight) {
  const parts = [5, 4, 2, 1].find((n) => Number.isInteger(max / n));
  const ticks = Array.from({ length: parts + 1 }, (_, i) => (i * max) / parts);
  return ticks.map((v) => {
    const y = PAD.top + plotHeight - (v / max) * plotHeight;
    return s('g', { class: 'tick' },
      s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: 'grid' }),
      s('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end' }, String(v)));
  });
}

function bar(bucket, x, width, max, plotHeight) {
  let y = PAD.top + plotHeight;
  const parts = [];
  for (const quad of [...QUADS, 'none']) {
    const n = bucket.counts[quad] || 0;
    if (!n) continue;
    const reported = Math.min(n, bucket.reported[quad] || 0);
    const tip = `${label(bucket.key)} · ${t(`quad.${quad}`)}: ${n}` +
      (reported ? ` (${t('chart.reported_count', { n: reported })})` : '');
    // The text's own dates at the bottom of the quad's segment, the report-dated events above them, hatched.
    for (const [count, extra] of [[n - reported, ''], [reported, ' reported']]) {
      if (!count) continue;
      const height = (count / max) * plotHeight;
      y -= height;
      parts.push(s('rect', { x, y, width, height, class: `bar q-${quad}${extra}`, 'data-quad': quad,
        'data-count': count, 'data-reported': extra ? 'true' : 'false' }, s('title', {}, tip)));
    }
  }
  return s('g', { class: 'bar-group', 'data-month': bucket.key }, parts);
}

function label(key) {
  return key === 'undated' ? t('chart.undated') : key;
}

const UNDATED_ROOM = 80; // the undated bar stands apart at the right, with room for its own label

/** Left edge of each bucket's slot, and the slot width. */
function slots(buckets) {
  const plot = WIDTH - PAD.left - PAD.right;
  const dated = buckets.filter((b) => b.key !== 'undated').length;
  if (!dated || dated === buckets.length) {
    const step = plot / buckets.length;
    return { step, xs: buckets.map((b, i) => PAD.left + i * step) };
  }
  const step = Math.min((plot - UNDATED_ROOM) / dated, UNDATED_ROOM / 1.5);
  return { step, xs: buckets.map((b, i) => (b.key === 'undated' ? WIDTH - PAD.right - step : PAD.left + i * step)) };
}

/** A dashed line between the dated months and the undated bar, so nobody reads it as a month. */
function separator(buckets, xs, step, plotHeight) {
  const last = buckets.length - 1;
  if (last < 1 || buckets[last].key !== 'undated') return null;
  const x = (xs[last] + xs[last - 1] + step) / 2;
  return s('line', { x1: x, x2: x, y1: PAD.top, y2: PAD.top + plotHeight, class: 'separator' });
}

/** Month labels that do not collide: months with events first (the busiest first), then regular ticks. */
function xLabels(buckets, xs, step) {
  const every = Math.max(1, Math.ceil(buckets.length / 12));
  const order = buckets.map((b, i) => i).sort((i, j) => priority(buckets, j, every) - priority(buckets, i, every));
  const placed = [];
  for (const i of order) {
    const x = xs[i] + step / 2;
    if (priority(buckets, i, every) <= 0 || placed.some((p) => Math.abs(p.x - x) < 62)) continue;
    placed.push({ x, i });
  }
  return placed.map(({ x, i }) => s('text', { x, y: HEIGHT - PAD.bottom + 16, 'text-anchor': 'middle',
    class: 'xlabel' }, label(buckets[i].key)));
}

function priority(buckets, i, every) {
  const bucket = buckets[i];
  if (bucket.key === 'undated') return 1e9;
  if (bucket.total) return 1e6 + bucket.total;
  return i % every === 0 ? 1 : 0;
}

export function legend(reported = false) {
  const items = QUADS.map((q) => h('span', { class: 'legend-item' }, h('span', { class: `swatch q-${q}` }),
    t(`quad.${q}`)));
  if (reported) {
    items.push(h('span', { class: 'legend-item', title: t('chart.reported_help') },
      h('span', { class: 'swatch reported' }), t('chart.reported')));
  }
  return h('div', { class: 'legend' }, items);
}

/** The chart as an SVG element (an empty-state paragraph when there is nothing to draw). */
export function timelineChart(rows, titleText) {
  const buckets = bucketRows(rows);
  if (!buckets.length) return h('p', { class: 'empty' }, t('chart.empty'));
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(...buckets.map((b) => b.total)));
  const { step, xs } = slots(buckets);
  const slot = Math.max(2, Math.min(48, step * 0.7));
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart timeline-chart', role: 'img',
    'aria-label': titleText },
  s('title', {}, titleText),
  yAxis(max, plotHeight),
  buckets.map((b, i) => bar(b, xs[i] + (step - slot) / 2, slot, max, plotHeight)),
  s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotHeight, y2: PAD.top + plotHeight,
    class: 'axis' }),
  separator(buckets, xs, step, plotHeight),
  xLabels(buckets, xs, step));
  const reported = buckets.some((b) => Object.values(b.reported).some((n) => n > 0));
  return h('figure', { class: 'chart-figure' }, svg, legend(reported));
}
