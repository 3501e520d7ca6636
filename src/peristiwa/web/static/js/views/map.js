// The map of events: where the text says they happened (GET /v1/events/geo), filtered like the event table.
// Country outlines are vendored (world-atlas, countries-110m TopoJSON) and drawn as SVG in an
// equirectangular projection; no tile server, the app works offline.

import { get } from '../api.js';
import { empty, pageHeader, QUADS } from '../components.js';
import { h, link, s } from '../dom.js';
import { eventFilterForm, filtersOf } from '../filters.js';
import { t } from '../i18n.js';

export const titleKey = 'nav.map';
const OUTLINES = '/static/vendor/world-atlas/countries-110m.json';
const WIDTH = 960;
const HEIGHT = 480;
// The quad colours of app.css (--v-coop …): SVG fill attributes cannot read CSS variables.
const QUAD_FILL = { 'V-coop': '#6fbf73', 'M-coop': '#1b7f3b', 'V-conf': '#f0a03c', 'M-conf': '#c8322f' };
let outlines = null; // the decoded country paths, fetched once

/** Longitude/latitude to SVG coordinates (plate carrée). */
function project([lon, lat]) {
  return [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];
}

/** TopoJSON arcs are quantised and delta-encoded: undo both to get longitude/latitude points. */
function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
}

/** A ring is a list of arc indexes; a negative index (~i) means arc i walked backwards. A step across the
 * 180th meridian (Russia, Fiji) starts a new subpath instead of a line across the whole map. */
function ringPath(arcs, indexes) {
  const points = [];
  for (const index of indexes) {
    const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points.map((p, i) => {
    const jump = i > 0 && Math.abs(p[0] - points[i - 1][0]) > 180;
    return `${i === 0 || jump ? 'M' : 'L'}${project(p).map((v) => v.toFixed(1)).join(',')}`;
  }).join('') + 'Z';
}

function countryPaths(topology) {
  const arcs = decodeArcs(topology);
  return topology.objects.countries.geometries.map((geometry) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
    return { name: (geometry.properties || {}).name || '', d: polygons.flat().map((r) => ringPath(arcs, r)).join('') };
  });
}

async function loadOutlines() {
  if (!outlines) outlines = countryPaths(await (await fetch(OUTLINES)).json());
  return outlines;
}

/** The quad most of a place's events have, for its colour (ties: the first in QUADS order). */
function mainQuad(quads) {
  return QUADS.find((q) => (quads || []).includes(q)) || null;
}

function marker(feature, largest) {
  const p = feature.properties;
  const [x, y] = project(feature.geometry.coordinates);
  const radius = 3 + 12 * Math.sqrt(p.events / largest);
  const label = `${p.name}${p.country ? ` (${p.country})` : ''} · ${t('map.events_n', { n: p.events })} · `
    + `${t(`map.precision.${p.precision}`)} · ${(p.types || []).join(', ')}`;
  return s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: radius.toFixed(1), class: 'map-place',
    fill: QUAD_FILL[mainQuad(p.quads)] || '#9aa5b1', 'fill-opacity': 0.75, stroke: '#fff', 'stroke-width': 1,
    'data-place': p.name }, s('title', {}, label));
}

function mapChart(paths, features) {
  const largest = Math.max(1, ...features.map((f) => f.properties.events));
  return s('svg', { class: 'chart map-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': t('map.title') },
  s('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: '#eef3f8' }),
  paths.map((c) => s('path', { d: c.d, fill: '#dfe5ec', stroke: '#ffffff', 'stroke-width': 0.5 },
    s('title', {}, c.name))),
  features.map((f) => marker(f, largest)));
}

function placeTable(features, filters) {
  if (!features.length) return empty('map.none');
  return h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, ['map.place', 'map.precision', 'map.events', 'map.top'].map((k) => h('th', {}, t(k))))),
    h('tbody', {}, features.map((f) => {
      const p = f.properties;
      return h('tr', {}, h('td', {}, p.name, p.country ? ` · ${p.country}` : ''),
        h('td', {}, t(`map.precision.${p.precision}`)), h('td', {}, String(p.events)),
        h('td', {}, (p.top || []).map((e) => h('div', {}, link('event', [e.event_id],
          `${e.source || '?'} ${e.type} ${e.target || ''}`.trim(), {}, { class: 'map-event' })))));
    })),
    h('caption', {}, link('events', [], t('map.in_table'), filters)));
}

export async function render(main, { query }) {
  const filters = filtersOf(query);
  const [paths, geo] = await Promise.all([loadOutlines(), get('/events/geo', filters)]);
  const placed = geo.features.reduce((n, f) => n + f.properties.events, 0);
  main.append(
    pageHeader(t('map.title'), t('map.subtitle', { places: geo.features.length, events: placed })),
    h('div', { class: 'card' }, eventFilterForm('map', query)),
    h('div', { class: 'card' }, h('figure', { class: 'chart-figure' }, mapChart(paths, geo.features)),
      h('p', { class: 'muted' }, t('map.help'))),
    h('div', { class: 'card' }, placeTable(geo.features, filters)),
  );
}
