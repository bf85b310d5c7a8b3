// The forecast page: calls only the public API (/api/v1) and draws the chart as inline SVG.
'use strict';

const HOURS = 48;
const SVG_NS = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);
let regions = [];
let loadToken = 0;

// ---- API ---------------------------------------------------------------------------------------

/** Fetches JSON from the API; a problem+json answer becomes an Error whose message names detail and fields. */
async function api(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error(`The service did not answer (${e.message}).`);
  }
  if (response.ok) {
    return response.json();
  }
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // Not JSON: fall back to the status line below.
  }
  const lines = [`${problem?.title ?? 'Request failed.'} (HTTP ${response.status})`];
  if (problem?.detail) {
    lines.push(problem.detail);
  }
  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    lines.push(`${field}: ${[].concat(messages).join(' ')}`);
  }
  if (problem?.traceId) {
    lines.push(`trace id ${problem.traceId}`);
  }
  throw new Error(lines.join('\n'));
}

const iso = (date) => encodeURIComponent(date.toISOString());

function showMessage(error) {
  const box = $('message');
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

function clearMessage() {
  $('message').hidden = true;
  $('message').textContent = '';
}

// ---- Time zones --------------------------------------------------------------------------------

/** Minutes the zone is ahead of UTC at the instant. */
function offsetMinutes(timeZone, ms) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

function offsetLabel(minutes) {
  const sign = minutes < 0 ? '\u2212' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The region's wall clock at an instant, as a Date whose UTC fields hold the wall time. */
const wall = (timeZone, date) => new Date(date.getTime() + offsetMinutes(timeZone, date.getTime()) * 60000);

/** "2025-06-15T10:30" (a datetime-local value) in the region's zone to an instant. */
function fromWallInput(timeZone, value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  if (!match) {
    return null;
  }
  const [, y, mo, d, h, mi] = match.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes find the offset in force at the wall time, also next to a DST change.
  let instant = asUtc - offsetMinutes(timeZone, asUtc) * 60000;
  instant = asUtc - offsetMinutes(timeZone, instant) * 60000;
  return new Date(instant);
}

const toWallInput = (timeZone, date) => wall(timeZone, date).toISOString().slice(0, 16);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const hhmm = (w) => `${String(w.getUTCHours()).padStart(2, '0')}:${String(w.getUTCMinutes()).padStart(2, '0')}`;
const dayLabel = (w) => `${DAYS[w.getUTCDay()]} ${w.getUTCDate()} ${MONTHS[w.getUTCMonth()]}`;

/** "Sun 15 Jun 10:30 UTC−07:00" in the region's zone. */
function formatLocal(timeZone, value) {
  const date = new Date(value);
  return `${dayLabel(wall(timeZone, date))} ${hhmm(wall(timeZone, date))} ${offsetLabel(offsetMinutes(timeZone, date.getTime()))}`;
}

/** Start and end on one line, the end without its date when on the same local day. */
function formatRange(timeZone, start, end) {
  const s = wall(timeZone, new Date(start));
  const e = wall(timeZone, new Date(end));
  const endText = dayLabel(s) === dayLabel(e) ? hhmm(e) : `${dayLabel(e)} ${hhmm(e)}`;
  return `${dayLabel(s)} ${hhmm(s)} \u2013 ${endText} ${offsetLabel(offsetMinutes(timeZone, new Date(start).getTime()))}`;
}

// ---- Chart -------------------------------------------------------------------------------------

function svg(name, attributes, parent) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value);
  }
  parent?.appendChild(element);
  return element;
}

function text(parent, x, y, content, attributes = {}) {
  const element = svg('text', { x, y, ...attributes }, parent);
  element.textContent = content;
  return element;
}

function niceTicks(min, max, count) {
  const span = max - min || 1;
  const step0 = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= step0);
  const ticks = [];
  // The last tick is at or above max, so the band is never clipped.
  for (let v = Math.floor(min / step) * step; ticks.length === 0 || ticks[ticks.length - 1] < max - step * 1e-9; v += step) {
    ticks.push(Number(v.toFixed(6)));
  }
  return ticks;
}

function drawChart(region, forecast, windows) {
  const intervals = forecast.intervals;
  const container = $('chart');
  container.replaceChildren();
  const unit = region.target?.unit ?? 'MW';
  const width = 1100;
  const height = 440;
  const left = 72;
  const right = 44;
  const top = { y0: 14, y1: 270 };
  const prob = { y0: 300, y1: 380 };
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-intervals': intervals.length,
    'aria-label': `Forecast of ${region.id} for ${intervals.length} intervals`,
  }, container);
  if (intervals.length === 0) {
    text(root, width / 2, height / 2, 'No forecast intervals in this range.', { 'text-anchor': 'middle' });
    return;
  }

  const t0 = new Date(intervals[0].intervalStart).getTime();
  const t1 = new Date(intervals[intervals.length - 1].intervalEnd).getTime();
  const x = (t) => left + ((new Date(t).getTime() - t0) / (t1 - t0)) * (width - left - right);
  const values = intervals.flatMap((i) => [i.lowerMw, i.upperMw, i.predictedMw]).filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...values, region.eventThreshold), Math.max(...values, region.eventThreshold), 5);
  const yMin = ticks[0];
  const yMax = ticks[ticks.length - 1];
  const y = (v) => top.y1 - ((v - yMin) / (yMax - yMin || 1)) * (top.y1 - top.y0);
  const yp = (p) => prob.y1 - p * (prob.y1 - prob.y0);

  // Grid and value axis.
  for (const tick of ticks) {
    svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }, root);
    text(root, left - 6, y(tick) + 4, tick.toLocaleString('en-US'), { 'text-anchor': 'end' });
  }
  for (const p of [0, 0.5, 1]) {
    svg('line', { class: 'grid', x1: left, x2: width - right, y1: yp(p), y2: yp(p) }, root);
    text(root, left - 6, yp(p) + 4, `${p * 100}%`, { 'text-anchor': 'end' });
  }
  text(root, 16, (top.y0 + top.y1) / 2, region.target?.isProxy ? `${region.targetSeries} (${unit})` : 'Curtailment (MW)', {
    class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 16 ${(top.y0 + top.y1) / 2})`,
  });
  text(root, 16, (prob.y0 + prob.y1) / 2, 'P(event)', {
    class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 16 ${(prob.y0 + prob.y1) / 2})`,
  });

  // Predicted windows behind the data.
  for (const w of windows.windows) {
    svg('rect', {
      class: 'window', x: x(w.start), y: top.y0, width: Math.max(1, x(w.end) - x(w.start)), height: prob.y1 - top.y0,
      fill: 'rgba(46, 160, 67, 0.14)',
    }, root);
  }

  // 80% band, predicted line, threshold.
  const band = intervals.map((i) => `${x(i.intervalStart).toFixed(1)},${y(i.upperMw).toFixed(1)}`)
    .concat(intervals.slice().reverse().map((i) => `${x(i.intervalStart).toFixed(1)},${y(i.lowerMw).toFixed(1)}`));
  svg('polygon', { id: 'forecast-band', points: band.join(' '), fill: 'rgba(31, 111, 235, 0.18)', stroke: 'none' }, root);
  const line = intervals.map((i, n) => `${n === 0 ? 'M' : 'L'}${x(i.intervalStart).toFixed(1)},${y(i.predictedMw).toFixed(1)}`).join(' ');
  svg('path', { id: 'forecast-line', d: line, fill: 'none', stroke: '#1f6feb', 'stroke-width': 2, 'data-points': intervals.length }, root);
  svg('line', {
    x1: left, x2: width - right, y1: y(region.eventThreshold), y2: y(region.eventThreshold), stroke: '#c0392b', 'stroke-dasharray': '6 4', 'stroke-width': 1.5,
  }, root);
  text(root, width - right - 4, y(region.eventThreshold) - 5, `event threshold ${region.eventThreshold.toLocaleString('en-US')} ${unit}`, {
    'text-anchor': 'end', fill: '#c0392b',
  });

  // Event probability as an area under a step line.
  const steps = intervals.flatMap((i) => [`${x(i.intervalStart).toFixed(1)},${yp(i.eventProbability).toFixed(1)}`, `${x(i.intervalEnd).toFixed(1)},${yp(i.eventProbability).toFixed(1)}`]);
  svg('polygon', {
    id: 'probability', points: [`${x(t0)},${yp(0)}`, ...steps, `${x(t1)},${yp(0)}`].join(' '), fill: 'rgba(217, 130, 43, 0.55)', stroke: '#d9822b',
  }, root);

  // Axes and time ticks every 6 local hours; a date under each local midnight.
  svg('line', { class: 'axis', x1: left, x2: width - right, y1: top.y1, y2: top.y1 }, root);
  svg('line', { class: 'axis', x1: left, x2: width - right, y1: prob.y1, y2: prob.y1 }, root);
  svg('line', { class: 'axis', x1: left, x2: left, y1: top.y0, y2: prob.y1 }, root);
  const zone = region.timeZone;
  for (let t = Math.ceil(t0 / 3600000) * 3600000; t <= t1; t += 3600000) {
    const local = wall(zone, new Date(t));
    if (local.getUTCHours() % 6 !== 0 || local.getUTCMinutes() !== 0) {
      continue;
    }
    const midnight = local.getUTCHours() === 0;
    svg('line', { class: midnight ? 'axis' : 'grid', x1: x(t), x2: x(t), y1: top.y0, y2: prob.y1 }, root);
    text(root, x(t), prob.y1 + 15, hhmm(local), { 'text-anchor': 'middle' });
    if (midnight) {
      text(root, x(t), prob.y1 + 29, dayLabel(local), { 'text-anchor': 'middle', class: 'axis-title' });
    }
  }
  text(root, (left + width - right) / 2, height - 6,
    `Local time, ${zone} (${offsetLabel(offsetMinutes(zone, t0))})`, { class: 'axis-title', 'text-anchor': 'middle' });
}

// ---- Outlook of every region -------------------------------------------------------------------

const fmt = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fmtValue = (value) => fmt(value, Math.abs(value) < 10 ? 1 : 0);

function ageText(hours) {
  if (hours < 1) {
    return `${Math.max(0, Math.round(hours * 60))} min`;
  }
  return hours < 48 ? `${fmt(hours, 1)} h` : `${fmt(hours / 24, 1)} days`;
}

/** Appends a cell with a main line and an optional muted second line. */
function outlookCell(row, main, sub, className) {
  const cell = row.insertCell();
  if (className) {
    cell.className = className;
  }
  const first = document.createElement('span');
  first.textContent = main;
  cell.appendChild(first);
  if (sub) {
    const second = document.createElement('span');
    second.className = 'sub';
    second.textContent = sub;
    cell.appendChild(second);
  }
  return cell;
}

function skillCell(row, region) {
  const skill = region.skill;
  if (skill.modelMae == null || skill.baselineMae == null) {
    outlookCell(row, 'n/a', skill.reason, 'skill skill-na');
    return;
  }
  const unit = region.target.unit;
  const cell = outlookCell(row, `${fmtValue(skill.modelMae)} vs ${fmtValue(skill.baselineMae)} ${unit}`,
    `model vs week profile, ${skill.intervals.toLocaleString('en-US')} intervals on ${skill.days} days`, 'skill');
  if (skill.skillScore != null) {
    const score = document.createElement('span');
    score.className = skill.skillScore > 0 ? 'better' : 'worse';
    score.textContent = ` (${skill.skillScore > 0 ? '+' : '\u2212'}${Math.abs(Math.round(skill.skillScore * 100))}%)`;
    cell.firstChild.after(score);
  }
}

function renderOutlook(outlook) {
  const body = $('outlook').querySelector('tbody');
  body.replaceChildren();
  for (const region of outlook.regions) {
    const row = body.insertRow();
    row.dataset.region = region.region;
    row.dataset.status = region.status;
    row.title = `Show ${region.region}'s forecast below`;
    const zone = region.timeZone;
    const nameCell = outlookCell(row, region.region, region.name);
    nameCell.firstChild.className = 'region-id';
    if (region.target.isProxy) {
      const badge = document.createElement('span');
      badge.className = 'proxy';
      badge.textContent = 'proxy';
      badge.title = `${region.target.eventRule}: ${region.target.predictedValue}`;
      nameCell.firstChild.after(badge);
    }
    const dayStart = new Date(region.dayStart);
    // Tomorrow, or before the 10:00 local issue time the rest of today (see docs/api.md).
    const today = dayLabel(wall(zone, new Date(outlook.asOf))) === dayLabel(wall(zone, dayStart));
    const dayCell = outlookCell(row, `${dayLabel(wall(zone, dayStart))} (${today ? 'today' : 'tomorrow'})`,
      `${zone} (${offsetLabel(offsetMinutes(zone, dayStart.getTime()))})`);
    dayCell.classList.add('day');

    const forecast = region.forecast;
    if (!forecast) {
      const cell = outlookCell(row, region.reason, null, 'reason');
      cell.colSpan = 4;
      skillCell(row, region);
      continue;
    }

    if (region.target.isProxy) {
      outlookCell(row, `${fmt(forecast.expectedEventHours, 1)} event h`, 'P(event) \u00d7 hours', 'num expected');
    } else {
      outlookCell(row, `${fmtValue(forecast.expectedCurtailedMwh)} MWh`, `${fmt(forecast.expectedEventHours, 1)} event h`, 'num expected');
    }

    const best = forecast.bestWindow;
    if (best) {
      outlookCell(row, formatRange(zone, best.start, best.end),
        region.target.isProxy ? `${fmt(best.expectedEventHours, 1)} event h expected` : `${fmtValue(best.expectedCurtailedMwh)} MWh expected`, 'best-window');
    } else {
      outlookCell(row, '\u2014', 'nothing expected', 'best-window');
    }

    outlookCell(row, `${Math.round(forecast.peakProbability * 100)}%`, `at ${hhmm(wall(zone, new Date(forecast.peakProbabilityAt)))}`, 'num');
    const coverage = forecast.coveredHours + 1e-9 < forecast.dayHours ? `, covers ${fmt(forecast.coveredHours, 1)} of ${fmt(forecast.dayHours)} h` : '';
    // A forecast issued before any target data was known (dataAsOf null) is a baseline of nothing: say so.
    const blind = forecast.dataAsOf == null ? `, without any ${region.target.series} data` : '';
    const modelCell = outlookCell(row, forecast.modelVersion, `issued ${ageText(forecast.ageHours)} ago${coverage}${blind}`, 'model');
    if (region.stale) {
      row.dataset.stale = 'true';
      const badge = document.createElement('span');
      badge.className = 'badge badge-stale';
      badge.textContent = 'stale';
      badge.title = region.staleReason ?? '';
      modelCell.firstChild.after(badge);
    }
    skillCell(row, region);
  }
  markSelectedOutlookRow();
}

function markSelectedOutlookRow() {
  for (const row of $('outlook').querySelectorAll('tbody tr')) {
    row.classList.toggle('selected', row.dataset.region === $('region').value);
  }
}

async function loadOutlook() {
  try {
    const outlook = await api('api/v1/outlook');
    renderOutlook(outlook);
    const asOf = new Date(outlook.asOf);
    $('outlook-caption').textContent = `As of ${asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC, from each region's latest stored forecast. `
      + 'Expected = predicted MW \u00d7 hours over the day (for a price-proxy region: event probability \u00d7 hours). '
      + `Skill: ${outlook.skillMethod} Click a row to show its forecast.`;
    document.body.dataset.outlook = 'ready';
  } catch (error) {
    $('outlook-caption').textContent = '';
    showMessage(error);
    document.body.dataset.outlook = 'error';
  }
}

// ---- Page --------------------------------------------------------------------------------------

const selected = () => regions.find((r) => r.id === $('region').value);

function renderWindows(region, windows) {
  const body = $('windows').querySelector('tbody');
  body.replaceChildren();
  const proxy = region.target?.isProxy === true;
  const head = $('windows').querySelector('thead tr').cells;
  head[1].textContent = proxy ? 'Event hours' : 'Energy (MWh)';
  for (const w of windows.windows) {
    const row = body.insertRow();
    row.insertCell().textContent = formatRange(region.timeZone, w.start, w.end);
    // A proxy's predicted value is a price, not MW: its windows are read by event hours and have no peak MW.
    const values = [proxy ? fmt(w.expectedEventHours, 1) : fmt(w.expectedMwh), `${fmt(w.meanProbability * 100)}%`, proxy ? '\u2014' : `${fmt(w.peakMw)} MW`];
    for (const value of values) {
      const cell = row.insertCell();
      cell.className = 'num';
      cell.textContent = value;
    }
  }
  $('windows').hidden = windows.windows.length === 0;
  $('windows-empty').hidden = windows.windows.length > 0;
}

// The model's strongest drivers per local day; absent for baselines, which explain nothing.
function renderExplanations(forecast) {
  const list = $('explanation-days');
  list.replaceChildren();
  const days = forecast?.explanations ?? [];
  for (const day of days) {
    const item = document.createElement('li');
    item.dataset.date = day.date;
    const label = document.createElement('strong');
    // A local calendar date: formatted at noon UTC so no time zone moves it to another day.
    label.textContent = new Date(`${day.date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const drivers = document.createElement('ul');
    for (const driver of day.drivers) {
      const entry = document.createElement('li');
      entry.dataset.feature = driver.feature;
      entry.dataset.effect = driver.effect;
      entry.className = driver.effect === 'raises' ? 'raises' : 'lowers';
      entry.textContent = driver.text;
      drivers.append(entry);
    }
    item.append(label, drivers);
    list.append(item);
  }
  $('explanations').hidden = days.length === 0;
}

async function loadRegion() {
  const region = selected();
  if (!region) {
    return;
  }
  const token = ++loadToken;
  clearMessage();
  document.body.dataset.state = 'loading';
  const badge = $('data-kind');
  badge.hidden = region.dataKind !== 'synthetic-demo';
  badge.textContent = 'SYNTHETIC demo data';
  const zoneNow = offsetLabel(offsetMinutes(region.timeZone, Date.now()));
  $('region-info').textContent = `${region.name} · ${region.operator} · served by ${region.servedBy} · ${region.timeZone} (${zoneNow})`;
  for (const tz of document.querySelectorAll('.tz')) {
    tz.textContent = `(${region.timeZone} local)`;
  }

  const from = new Date(Math.floor(Date.now() / 3600000) * 3600000);
  const to = new Date(from.getTime() + HOURS * 3600000);
  $('earliest').value = toWallInput(region.timeZone, from);
  $('deadline').value = toWallInput(region.timeZone, new Date(from.getTime() + 24 * 3600000));
  $('job-results').replaceChildren();
  $('job-note').textContent = '';
  $('chart-caption').textContent = `Loading the forecast for ${region.id}…`;
  try {
    const range = `from=${iso(from)}&to=${iso(to)}`;
    const id = encodeURIComponent(region.id);
    const [forecast, windows] = await Promise.all([
      api(`api/v1/regions/${id}/forecast?${range}`),
      api(`api/v1/regions/${id}/windows?${range}`),
    ]);
    if (token !== loadToken) {
      return;
    }
    const intervals = forecast.intervals;
    const covered = intervals.length === 0 ? 0
      : (new Date(intervals[intervals.length - 1].intervalEnd) - new Date(intervals[0].intervalStart)) / 3600000;
    // The service forecasts to the end of the next local day, which can be less than the 48 hours asked for.
    $('chart-title').textContent = intervals.length === 0 ? 'Next 48 hours: no forecast'
      : `Next ${Math.round(covered * 10) / 10} hours: ${formatRange(region.timeZone, intervals[0].intervalStart, intervals[intervals.length - 1].intervalEnd)}`;
    $('chart-caption').textContent = `${region.id}: forecast ${forecast.modelVersion}, issued ${formatLocal(region.timeZone, forecast.issuedAt)}`
      + (forecast.dataAsOf ? `, data as of ${formatLocal(region.timeZone, forecast.dataAsOf)}` : '')
      + (windows.minMw == null
        ? `. ${region.id}'s target is a proxy (${region.target.eventRule}): windows are runs with P(event) \u2265 ${fmt(windows.minProbability * 100)}%.`
        : `. Windows: predicted value at or above ${windows.minMw.toLocaleString('en-US')} MW.`)
      + ' The service forecasts up to the end of the next local day.';
    showStale(forecast);
    drawChart(region, forecast, windows);
    renderExplanations(forecast);
    renderWindows(region, windows);
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (token === loadToken) {
      $('chart-caption').textContent = '';
      showStale(null);
      $('chart').replaceChildren();
      renderExplanations(null);
      showMessage(error);
      document.body.dataset.state = 'error';
    }
  }
}

/** The stale badge above the chart: shown when the service says the forecast missed its issue time. */
function showStale(forecast) {
  const stale = forecast?.stale === true;
  $('stale').hidden = !stale;
  $('stale-reason').textContent = stale ? forecast.staleReason ?? '' : '';
}

// ---- Feeds -------------------------------------------------------------------------------------

const utcText = (value) => (value ? `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '\u2014');

function renderFeeds(answer) {
  const body = $('feeds').querySelector('tbody');
  body.replaceChildren();
  for (const feed of answer.feeds) {
    const row = body.insertRow();
    row.dataset.feed = feed.feed;
    row.dataset.status = feed.status;
    row.className = feed.status === 'failing' ? 'failing' : '';
    row.insertCell().textContent = feed.feed;
    row.insertCell().textContent = feed.region;
    row.insertCell().textContent = utcText(feed.lastSuccessAt) + (feed.newestPeriod ? ` (period ${feed.newestPeriod})` : '');
    const error = row.insertCell();
    error.className = 'error';
    error.textContent = feed.lastError
      ? `${utcText(feed.lastErrorAt)}: ${feed.lastError}` + (feed.consecutiveFailures > 0 ? ` (${feed.consecutiveFailures} in a row)` : ' (recovered)')
      : '\u2014';
  }
  $('feeds-caption').textContent = answer.feeds.length === 0
    ? 'No operator feed has run yet (the demo data needs none).'
    : `${answer.feeds.length} feed(s), ${answer.failing} failing. Also on /health/ready and GET /api/v1/feeds.`;
}

async function loadFeeds() {
  try {
    renderFeeds(await api('api/v1/feeds'));
    document.body.dataset.feeds = 'ready';
  } catch (error) {
    $('feeds-caption').textContent = error.message;
    document.body.dataset.feeds = 'error';
  }
}

async function findBestWindow(event) {
  event.preventDefault();
  const region = selected();
  if (!region) {
    return;
  }
  clearMessage();
  const list = $('job-results');
  list.replaceChildren();
  $('job-note').textContent = '';
  const hours = Number($('duration').value);
  const earliest = fromWallInput(region.timeZone, $('earliest').value);
  const deadline = fromWallInput(region.timeZone, $('deadline').value);
  if (!(hours > 0) || !earliest || !deadline) {
    showMessage('Give a duration in hours, an earliest start and a deadline.');
    return;
  }
  // ISO-8601 duration in whole minutes, e.g. PT3H or PT90M.
  const minutes = Math.round(hours * 60);
  const duration = minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
  $('job-submit').disabled = true;
  try {
    const answer = await api(`api/v1/best-window?regions=${encodeURIComponent(region.id)}&duration=${duration}`
      + `&earliestStart=${iso(earliest)}&deadline=${iso(deadline)}&top=3`);
    for (const candidate of answer.candidates) {
      const item = document.createElement('li');
      item.dataset.start = candidate.start;
      item.textContent = candidate.expectedCurtailedMwh == null
        ? `${formatRange(region.timeZone, candidate.start, candidate.end)}: ${fmt(candidate.expectedEventHours, 1)} event hours expected `
          + `(${region.target.eventRule}), ${Math.round(candidate.probabilityAnyCurtailment * 100)}% chance of any event`
        : `${formatRange(region.timeZone, candidate.start, candidate.end)}: `
          + `${Math.round(candidate.expectedCurtailedMwh).toLocaleString('en-US')} MWh expected, `
          + `${Math.round(candidate.probabilityAnyCurtailment * 100)}% chance of any curtailment, peak ${Math.round(candidate.peakMw).toLocaleString('en-US')} MW`;
      list.appendChild(item);
    }
    $('job-note').textContent = answer.candidates.length === 0
      ? 'No start time fits between the earliest start and the deadline.'
      : `Ranked by ${answer.rankedBy === 'eventHours' ? 'expected event hours' : 'expected curtailed energy'} during the job. ${answer.assumption}`;
  } catch (error) {
    showMessage(error);
  } finally {
    $('job-submit').disabled = false;
  }
}

async function init() {
  $('job-form').addEventListener('submit', findBestWindow);
  $('region').addEventListener('change', () => {
    markSelectedOutlookRow();
    loadRegion();
  });
  $('outlook').querySelector('tbody').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-region]');
    if (row && !$('region').disabled && row.dataset.region !== $('region').value) {
      $('region').value = row.dataset.region;
      $('region').dispatchEvent(new Event('change'));
    }
  });
  const outlook = loadOutlook();
  const feeds = loadFeeds();
  try {
    regions = await api('api/v1/regions');
  } catch (error) {
    showMessage(error);
    document.body.dataset.state = 'error';
    return;
  }
  const select = $('region');
  select.replaceChildren(...regions.map((r) => new Option(`${r.id} — ${r.name}`, r.id)));
  select.disabled = false;
  markSelectedOutlookRow();
  await Promise.all([loadRegion(), outlook, feeds]);
}

init();
