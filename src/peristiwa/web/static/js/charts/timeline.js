// Stacked bar chart: events per month, one colour per PLOVER quad; undated events in a bar of their own.

import { h, s } from '../dom.js';
import { t } from '../i18n.js';
import { QUADS } from '../components.js';

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { left: 44, right: 12, top: 12, bottom: 40 };

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

/** rows: [{month, quad, events}] → [{label, counts: {quad: n}, total}] in time order. */
export function bucketRows(rows) {
  const byMonth = new Map();
  for (const row of rows) {
    const key = monthKey(row.month) ?? 'undated';
    const counts = byMonth.get(key) || {};
    counts[row.quad || 'none'] = (counts[row.quad || 'none'] || 0) + Number(row.events || 0);
    byMonth.set(key, counts);
  }
  const months = monthRange([...byMonth.keys()].filter((k) => k !== 'undated'));
  if (byMonth.has('undated')) months.push('undated');
  return months.map((key) => {
    const counts = byMonth.get(key) || {};
    return { key, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });
}

function niceMax(value) {
  if (value <= 5) return Math.max(1, value);
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

function yAxis(max, plotHeight) {
  const ticks = [0, max / 2, max].filter((v, i, all) => all.indexOf(v) === i && Number.isInteger(v));
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
    const height = (n / max) * plotHeight;
    y -= height;
    parts.push(s('rect', { x, y, width, height, class: `bar q-${quad}`, 'data-quad': quad, 'data-count': n },
      s('title', {}, `${label(bucket.key)} · ${t(`quad.${quad}`)}: ${n}`)));
  }
  return s('g', { class: 'bar-group', 'data-month': bucket.key }, parts);
}

function label(key) {
  return key === 'undated' ? t('chart.undated') : key;
}

function xLabels(buckets, step, slot) {
  const every = Math.max(1, Math.ceil(buckets.length / 12));
  return buckets.map((b, i) => (i % every === 0 || b.key === 'undated'
    ? s('text', { x: PAD.left + i * step + slot / 2, y: HEIGHT - PAD.bottom + 16, 'text-anchor': 'middle',
      class: 'xlabel' }, label(b.key))
    : null));
}

export function legend() {
  return h('div', { class: 'legend' }, QUADS.map((q) => h('span', { class: 'legend-item' },
    h('span', { class: `swatch q-${q}` }), t(`quad.${q}`))));
}

/** The chart as an SVG element (an empty-state paragraph when there is nothing to draw). */
export function timelineChart(rows, titleText) {
  const buckets = bucketRows(rows);
  if (!buckets.length) return h('p', { class: 'empty' }, t('chart.empty'));
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(...buckets.map((b) => b.total)));
  const step = (WIDTH - PAD.left - PAD.right) / buckets.length;
  const slot = Math.max(2, Math.min(48, step * 0.7));
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart timeline-chart', role: 'img',
    'aria-label': titleText },
  s('title', {}, titleText),
  yAxis(max, plotHeight),
  buckets.map((b, i) => bar(b, PAD.left + i * step + (step - slot) / 2, slot, max, plotHeight)),
  s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotHeight, y2: PAD.top + plotHeight,
    class: 'axis' }),
  xLabels(buckets, step, step));
  return h('figure', { class: 'chart-figure' }, svg, legend());
}
