/*
 * The P&L curve: cumulative realised profit of finished bets, in close-time order, as an SVG
 * line. Sums are done in integer micro-dollars (the API's `_micros` fields); dollars appear
 * only in the labels. No library: a polyline and two labels are all it needs.
 */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) {
      node.setAttribute(k, String(attrs[k]));
    });
    return node;
  }

  /** Points of the curve: [{ at: ms, micros: cumulative }], starting at 0 before the first close. */
  function pnlPoints(bets) {
    var closed = bets
      .filter(function (b) {
        return typeof b.realised_profit_micros === 'number' && b.closed_at;
      })
      .map(function (b) {
        return { at: Date.parse(b.closed_at), micros: b.realised_profit_micros };
      })
      .sort(function (a, b) {
        return a.at - b.at;
      });
    if (closed.length === 0) return [];
    var total = 0;
    var points = [{ at: closed[0].at, micros: 0 }];
    closed.forEach(function (c) {
      total += c.micros;
      points.push({ at: c.at, micros: total });
    });
    return points;
  }

  function usd(micros) {
    var sign = micros < 0 ? '-' : '';
    var abs = Math.abs(micros);
    var cents = Math.floor((abs % 1000000) / 10000);
    return sign + '$' + Math.floor(abs / 1000000) + '.' + (cents < 10 ? '0' : '') + cents;
  }

  function drawPnl(container, bets) {
    container.textContent = '';
    var points = pnlPoints(bets);
    if (points.length === 0) {
      var p = document.createElement('p');
      p.className = 'empty-chart';
      p.textContent = 'No finished bets yet.';
      container.appendChild(p);
      return;
    }
    var W = 600,
      H = 180,
      pad = 28;
    var t0 = points[0].at,
      t1 = points[points.length - 1].at;
    var lo = Math.min(
      0,
      Math.min.apply(
        null,
        points.map(function (q) {
          return q.micros;
        }),
      ),
    );
    var hi = Math.max(
      0,
      Math.max.apply(
        null,
        points.map(function (q) {
          return q.micros;
        }),
      ),
    );
    var x = function (t) {
      return pad + (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (W - 2 * pad));
    };
    var y = function (m) {
      return H - pad - (hi === lo ? 0 : ((m - lo) / (hi - lo)) * (H - 2 * pad));
    };
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'cumulative realised P&L' });
    svg.appendChild(el('line', { class: 'axis', x1: pad, x2: W - pad, y1: y(0), y2: y(0) }));
    svg.appendChild(
      el('polyline', {
        class: 'curve',
        'data-points': points.length,
        points: points
          .map(function (q) {
            return x(q.at).toFixed(1) + ',' + y(q.micros).toFixed(1);
          })
          .join(' '),
      }),
    );
    var last = el('text', { x: W - pad, y: 14, 'text-anchor': 'end' });
    last.textContent = 'now ' + usd(points[points.length - 1].micros);
    svg.appendChild(last);
    var low = el('text', { x: pad, y: H - 8 });
    low.textContent = new Date(t0).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
    svg.appendChild(low);
    container.appendChild(svg);
  }

  window.PolyMixChart = { pnlPoints: pnlPoints, drawPnl: drawPnl, usd: usd };
})();
