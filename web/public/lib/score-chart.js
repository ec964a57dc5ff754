// A small line chart of scores over time, as inline SVG built with DOM calls (no markup
// strings). The caller shows the same numbers as a table: the chart's text alternative.
import { svg } from './dom.js';
import { formatDateTime, formatNumber } from './i18n.js';

const WIDTH = 480;
const HEIGHT = 170;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

/**
 * `points`: `[{at: ISO string, score, maxScore}]`, oldest first, graded ones only.
 * `label`: the chart's accessible name (it also says where the table is).
 */
export function scoreChart(points, { label }) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const percent = (p) => (p.maxScore ? (100 * p.score) / p.maxScore : 0);
  const y = (value) => PAD.top + plotH - (Math.max(0, Math.min(100, value)) * plotH) / 100;
  const titleId = `chart-title-${Math.random().toString(36).slice(2)}`;
  const children = [svg('title', { id: titleId }, label)];
  for (const tick of [0, 50, 100]) {
    children.push(
      svg('line', { class: 'axis', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick), 'stroke-dasharray': tick === 0 ? null : '3 4' }),
      svg('text', { x: PAD.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, `${tick}%`),
    );
  }
  if (points.length > 1) {
    children.push(svg('polyline', { class: 'line', points: points.map((p, i) => `${x(i)},${y(percent(p))}`).join(' ') }));
  }
  points.forEach((p, i) => {
    children.push(svg('circle', { class: 'dot', cx: x(i), cy: y(percent(p)), r: 4 }, svg('title', {}, `${formatDateTime(p.at)}: ${formatNumber(p.score)}/${formatNumber(p.maxScore)}`)));
  });
  if (points.length > 0) {
    children.push(svg('text', { x: x(0), y: HEIGHT - 8, 'text-anchor': points.length === 1 ? 'middle' : 'start' }, formatDateTime(points[0].at)));
    if (points.length > 1) children.push(svg('text', { x: x(points.length - 1), y: HEIGHT - 8, 'text-anchor': 'end' }, formatDateTime(points.at(-1).at)));
  }
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': titleId, class: 'score-chart' }, children);
}
