// Actor network: a small force-directed layout computed up front (deterministic: it starts on a circle),
// drawn as SVG. Edge colour = the quad with most events between the pair, width = how many events.
// Edges are rows of GET /v1/network: {source, target, events, by_quad: {quad: n}}.

import { route, s } from '../dom.js';
import { t } from '../i18n.js';
import { QUADS } from '../components.js';

const WIDTH = 900;
const HEIGHT = 560;
const ITERATIONS = 300;

function nodesOf(edges) {
  const nodes = new Map();
  for (const edge of edges) {
    for (const code of [edge.source, edge.target]) {
      const node = nodes.get(code) || { id: code, weight: 0 };
      node.weight += edge.events;
      nodes.set(code, node);
    }
  }
  const list = [...nodes.values()].sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  list.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / list.length;
    node.x = WIDTH / 2 + (WIDTH / 3) * Math.cos(angle);
    node.y = HEIGHT / 2 + (HEIGHT / 3) * Math.sin(angle);
  });
  return list;
}

function step(nodes, links, temperature) {
  const k = Math.sqrt((WIDTH * HEIGHT) / Math.max(1, nodes.length)) * 0.6;
  for (const a of nodes) { a.dx = 0; a.dy = 0; }
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]; const b = nodes[j];
      const dx = a.x - b.x || 0.01; const dy = a.y - b.y || 0.01;
      const d = Math.hypot(dx, dy); const f = (k * k) / d;
      a.dx += (dx / d) * f; a.dy += (dy / d) * f; b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
    }
  }
  for (const { a, b } of links) {
    const dx = a.x - b.x; const dy = a.y - b.y; const d = Math.hypot(dx, dy) || 0.01; const f = (d * d) / k;
    a.dx -= (dx / d) * f; a.dy -= (dy / d) * f; b.dx += (dx / d) * f; b.dy += (dy / d) * f;
  }
  for (const n of nodes) {
    const d = Math.hypot(n.dx, n.dy) || 1;
    n.x = Math.min(WIDTH - 40, Math.max(40, n.x + (n.dx / d) * Math.min(d, temperature)));
    n.y = Math.min(HEIGHT - 30, Math.max(30, n.y + (n.dy / d) * Math.min(d, temperature)));
  }
}

/** Positioned nodes for the edges. */
export function layout(edges) {
  const nodes = nodesOf(edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links = edges.map((e) => ({ a: byId.get(e.source), b: byId.get(e.target) })).filter((l) => l.a !== l.b);
  for (let i = 0; i < ITERATIONS; i++) step(nodes, links, (WIDTH / 10) * (1 - i / ITERATIONS) + 1);
  return nodes;
}

function dominantQuad(counts) {
  return QUADS.reduce((best, q) => ((counts[q] || 0) > (counts[best] || 0) ? q : best), QUADS[0]);
}

function edgeElement(edge, byId, maxTotal) {
  const a = byId.get(edge.source); const b = byId.get(edge.target);
  const quad = dominantQuad(edge.by_quad || {});
  const width = 1.5 + 6 * Math.sqrt(edge.events / maxTotal);
  const counts = edge.by_quad || {};
  const tip = `${edge.source} → ${edge.target}: ${edge.events} · ` +
    QUADS.filter((q) => counts[q]).map((q) => `${t(`quad.short.${q}`)} ${counts[q]}`).join(', ');
  return s('a', { href: route('dyad', [edge.source, edge.target]), class: 'edge-link' },
    s('path', { d: curve(a, b), 'stroke-width': width, class: `edge q-${quad}`, 'marker-end': `url(#arrow-${quad})` },
      s('title', {}, tip)));
}

/** A gentle arc, so that A→B and B→A stay apart; it ends short of the target circle for the arrow head. */
function curve(a, b) {
  const dx = b.x - a.x; const dy = b.y - a.y; const d = Math.hypot(dx, dy) || 1;
  const cx = (a.x + b.x) / 2 - (dy / d) * d * 0.12; const cy = (a.y + b.y) / 2 + (dx / d) * d * 0.12;
  const back = (b.r || 10) + 3; const ex = b.x - ((b.x - cx) / Math.hypot(b.x - cx, b.y - cy)) * back;
  const ey = b.y - ((b.y - cy) / Math.hypot(b.x - cx, b.y - cy)) * back;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
}

function markers() {
  return s('defs', {}, QUADS.map((q) => s('marker', { id: `arrow-${q}`, viewBox: '0 0 10 10', refX: 8, refY: 5,
    markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse',
    class: `arrow q-${q}` },
  s('path', { d: 'M0,0 L10,5 L0,10 z' }))));
}

function radius(node, maxWeight) {
  return 8 + 16 * Math.sqrt(node.weight / maxWeight);
}

function nodeElement(node, names) {
  const r = node.r;
  const name = names.get(node.id);
  return s('a', { href: route('actor', [node.id]), class: 'node', 'data-actor': node.id },
    s('circle', { cx: node.x, cy: node.y, r },
      s('title', {}, `${node.id}${name && name !== node.id ? ` · ${name}` : ''}: ${node.weight}`)),
    s('text', { x: node.x, y: node.y - r - 4, 'text-anchor': 'middle' }, node.id));
}

/** names: Map code → display name (for the hover titles). */
export function networkChart(edges, titleText, names = new Map()) {
  const nodes = layout(edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const maxTotal = Math.max(1, ...edges.map((e) => e.events));
  const maxWeight = Math.max(1, ...nodes.map((n) => n.weight));
  for (const node of nodes) node.r = radius(node, maxWeight);
  return s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart network-chart', role: 'img',
    'aria-label': titleText },
  s('title', {}, titleText),
  markers(),
  s('g', { class: 'edges' }, edges.filter((e) => e.source !== e.target).map((e) => edgeElement(e, byId, maxTotal))),
  s('g', { class: 'nodes' }, nodes.map((n) => nodeElement(n, names))));
}
