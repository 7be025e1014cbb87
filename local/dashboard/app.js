/*
 * PolyMix dashboard: reads GET /trading/state, /trading/metrics (with capital per venue), /trading/errors and /trading/preflight from the
 * configured API (the local server by default, or the deployed API Gateway URL with its key)
 * every few seconds. Every value from the API is put on the page as text (textContent), never
 * as HTML. Money is shown from the API's exact decimal strings, cut to cents for display.
 */
(function () {
  'use strict';
  var STORAGE_KEY = 'polymix.dashboard.v1';
  // Local server: every 5 s. A remote API (API Gateway, metered by a daily quota that the kill
  // switch shares): every 60 s, i.e. 3 calls a minute, ~4,300 a day.
  var LOCAL_REFRESH_MS = 5000;
  var REMOTE_REFRESH_MS = 60000;
  var FINISHED = { settled: true, unwound: true, failed: true };

  function $(id) {
    return document.getElementById(id);
  }

  function defaultBaseUrl() {
    return /^https?:$/.test(location.protocol) ? location.origin + '/api' : 'http://localhost:5001/api';
  }

  function loadSettings() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
      return {
        baseUrl: typeof saved.baseUrl === 'string' && saved.baseUrl ? saved.baseUrl : defaultBaseUrl(),
        apiKey: typeof saved.apiKey === 'string' ? saved.apiKey : '',
      };
    } catch (e) {
      return { baseUrl: defaultBaseUrl(), apiKey: '' };
    }
  }

  var settings = loadSettings();

  /** "12.345678" → "$12.34"; keeps the sign; "-" when absent. */
  function usd(v) {
    if (typeof v !== 'string' || !/^-?\d+(\.\d+)?$/.test(v)) return '-';
    var neg = v.charAt(0) === '-';
    var parts = v.replace('-', '').split('.');
    var frac = ((parts[1] || '') + '00').slice(0, 2);
    var shown = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + frac;
    return (neg && /[1-9]/.test(parts[0] + frac) ? '-' : '') + '$' + shown;
  }

  function pct(v) {
    return typeof v === 'number' && isFinite(v) ? (v * 100).toFixed(2) + '%' : '-';
  }
  /** Integer parts per million → "3.63%". */
  function ppmPct(v) {
    return typeof v === 'number' && isFinite(v) ? (v / 10000).toFixed(2) + '%' : '-';
  }
  function time(v) {
    return typeof v === 'string' ? v.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z') : '-';
  }
  function signClass(micros) {
    return micros > 0 ? 'pos' : micros < 0 ? 'neg' : '';
  }

  function setStatus(text, isError) {
    var s = $('status');
    s.textContent = text;
    s.className = isError ? 'status error' : 'status';
  }

  function fillFigures(dl, rows) {
    dl.textContent = '';
    rows.forEach(function (r) {
      var dt = document.createElement('dt');
      dt.textContent = r[0];
      var dd = document.createElement('dd');
      dd.textContent = r[1];
      if (r[2]) dd.className = r[2];
      if (r[3]) dd.setAttribute('data-field', r[3]);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
  }

  function fillTable(table, rows, numericFrom, emptyText) {
    var body = table.querySelector('tbody');
    body.textContent = '';
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      tr.className = 'empty';
      var td = document.createElement('td');
      td.colSpan = table.querySelectorAll('thead th').length;
      td.textContent = emptyText;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    rows.forEach(function (cells) {
      var tr = document.createElement('tr');
      cells.forEach(function (c, i) {
        var td = document.createElement('td');
        td.textContent = c;
        if (numericFrom !== null && i >= numericFrom) td.className = 'num';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function get(path) {
    var headers = { accept: 'application/json' };
    if (settings.apiKey) headers['x-api-key'] = settings.apiKey;
    var url = settings.baseUrl.replace(/\/+$/, '') + path;
    return fetch(url, { headers: headers, cache: 'no-store' }).then(
      function (res) {
        return res.text().then(function (text) {
          var body = null;
          try {
            body = JSON.parse(text);
          } catch (e) {
            /* shown below */
          }
          if (!res.ok) {
            var err =
              body && body.error
                ? body.error
                : { code: String(res.status), message: body && body.message ? body.message : 'HTTP ' + res.status };
            var e = new Error('HTTP ' + res.status + ' ' + err.code + ': ' + err.message);
            e.status = res.status;
            throw e;
          }
          if (body === null) throw new Error(url + ' did not answer with JSON');
          return body;
        });
      },
      function () {
        throw new Error('Cannot reach ' + settings.baseUrl + ' (server down, wrong URL, or CORS)');
      },
    );
  }

  function renderState(s) {
    $('banner').textContent = s.mode === 'live' ? '⚠️ LIVE TRADING' : '📄 Paper Trading Mode';
    fillFigures($('state'), [
      ['mode', s.mode + (s.halted ? ' — HALTED: ' + (s.halt_reason || '') : ''), s.halted ? 'neg' : '', 'mode'],
      ['balance', usd(s.balance), '', 'balance'],
      ['initial balance', usd(s.initial_balance), '', 'initial_balance'],
      ['realised profit', usd(s.total_profit), signClass(s.total_profit_micros), 'total_profit'],
      ['estimated profit (open)', usd(s.estimated_profit), signClass(s.estimated_profit_micros), 'estimated_profit'],
      ['locked in open bets', usd(s.reserved), '', 'reserved'],
      ['open bets', String(s.open_bets), '', 'open_bets'],
      ['total trades', String(s.total_trades), '', 'total_trades'],
      [
        'today',
        s.daily_trades +
          '/' +
          s.max_daily_trades +
          ' trades, loss ' +
          usd(s.daily_loss) +
          ' of ' +
          usd(s.daily_loss_limit),
        '',
        'today',
      ],
      ['as of', time(s.as_of), '', 'as_of'],
    ]);
    var open = (s.bets || []).filter(function (b) {
      return !FINISHED[b.status];
    });
    fillTable(
      $('open-bets'),
      open.map(function (b) {
        var legs = (b.legs || [])
          .map(function (l) {
            return l.venue + ' ' + l.filled + ' @ ' + usd(l.price).replace('$', '');
          })
          .join(' + ');
        return [time(b.created_at), b.title, b.status, legs, usd(b.cost), usd(b.expected_profit)];
      }),
      4,
      'No open bets.',
    );
    window.PolyMixChart.drawPnl($('pnl-chart'), s.bets || []);
  }

  function renderMetrics(m) {
    var dd = m.max_drawdown || {};
    fillFigures($('drawdown'), [
      ['max drawdown', usd(dd.amount) + ' (' + pct(dd.ratio) + ')', dd.amount_micros > 0 ? 'neg' : '', 'max_drawdown'],
      ['peak → trough', usd(dd.peak) + ' → ' + usd(dd.trough), '', 'peak_trough'],
      ['when', time(dd.peak_at) + ' → ' + time(dd.trough_at), '', 'when'],
      [
        'win rate',
        pct(m.win_rate) + ' (' + m.wins + ' won, ' + m.losses + ' lost, ' + m.flat + ' flat)',
        '',
        'win_rate',
      ],
      ['realised P&L', usd(m.total_realised_pnl), signClass(m.total_realised_pnl_micros), 'realised_pnl'],
      ['locked capital', usd(m.locked_capital), '', 'locked_capital'],
    ]);
    renderCapital(m);
  }

  // docs/capital.md: cash, locked, won-not-redeemed and runway per venue; return on locked capital.
  function renderCapital(m) {
    var c = m.capital || {};
    var venues = c.venues || [];
    fillTable(
      $('capital'),
      venues.map(function (v) {
        return [
          v.venue,
          v.cash === null ? '-' : usd(v.cash),
          usd(v.locked),
          usd(v.won_not_redeemed),
          v.runway_trades === null || v.runway_trades === undefined
            ? '-'
            : v.runway_trades + (v.runway_low ? ' LOW' : ''),
        ];
      }),
      1,
      'No capital figures (an older API).',
    );
    $('capital')
      .querySelectorAll('tbody tr')
      .forEach(function (tr, i) {
        if (venues[i] && venues[i].runway_low) tr.className = 'neg';
        if (venues[i]) tr.setAttribute('data-venue', venues[i].venue);
      });
    var note = c.per_trade_spend
      ? 'runway at ' + usd(c.per_trade_spend) + ' a trade, alert below ' + c.runway_alert_trades
      : '';
    if (c.cash_source === 'ledger') note += ' · paper: cash is the ledger balance';
    if (c.cash_available === false) note += ' · cash unknown: ' + (c.cash_problem || '');
    $('capital-note').textContent = note;
    var r = m.return_on_locked_capital || {};
    fillFigures($('rolc'), [
      [
        'return on locked capital',
        ppmPct(r.per_day_ppm) + ' a day, ' + ppmPct(r.per_year_ppm) + ' a year (simple), ' + (r.bets || 0) + ' bets',
        r.per_day_ppm > 0 ? 'pos' : r.per_day_ppm < 0 ? 'neg' : '',
        'rolc',
      ],
    ]);
  }

  function renderErrors(e) {
    fillTable(
      $('errors'),
      (e.errors || []).map(function (x) {
        return [time(x.at), x.source, x.venue || '-', x.message];
      }),
      null,
      'No errors recorded.',
    );
  }

  // GET /trading/preflight (docs/api.md): the last run, and whether live trading is admitted.
  function renderPreflight(p) {
    var run = p && p.run;
    var gate = (p && p.gate) || {};
    var summary = !p
      ? 'unavailable'
      : !run
        ? 'no run recorded'
        : (run.ok ? 'passed ' : 'FAILED ') + time(run.at) + ' (' + run.runner + ')';
    if (gate.gated) summary += gate.admits ? ' · live admitted' : ' · live BLOCKED: ' + gate.problem;
    $('preflight-summary').textContent = summary;
    fillTable(
      $('preflight'),
      ((run && run.checks) || []).map(function (c) {
        var text = c.result === 'pass' || c.result === 'skip' || !c.fix ? c.detail : c.detail + ' → ' + c.fix;
        return [c.id, c.venue || '-', c.result.toUpperCase() + (c.required ? '' : ' (info)'), text];
      }),
      null,
      'No preflight run: npx polymix preflight (docs/deploy.md).',
    );
  }

  function refreshMs() {
    try {
      var host = new URL(settings.baseUrl, location.href).hostname;
      return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' ? LOCAL_REFRESH_MS : REMOTE_REFRESH_MS;
    } catch (e) {
      return REMOTE_REFRESH_MS;
    }
  }

  var timer = null;
  function refresh() {
    clearTimeout(timer);
    Promise.all([
      get('/trading/state?limit=100'),
      get('/trading/metrics'),
      get('/trading/errors?limit=20'),
      get('/trading/preflight').catch(function () {
        return null;
      }),
    ])
      .then(
        function (r) {
          renderState(r[0]);
          renderMetrics(r[1]);
          renderErrors(r[2]);
          renderPreflight(r[3]);
          setStatus('updated ' + new Date().toLocaleTimeString(), false);
        },
        function (err) {
          setStatus(err.message, true);
          if (err.status === 401 || err.status === 403) $('settings-panel').open = true;
        },
      )
      .then(function () {
        timer = setTimeout(refresh, refreshMs());
      });
  }

  $('base-url').value = settings.baseUrl;
  $('api-key').value = settings.apiKey;
  $('settings').addEventListener('submit', function (ev) {
    ev.preventDefault();
    settings = { baseUrl: $('base-url').value.trim() || defaultBaseUrl(), apiKey: $('api-key').value };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
    setStatus('connecting…', false);
    refresh();
  });
  refresh();
})();
