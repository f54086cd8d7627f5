// Dashboard: jobs per status, invoices, the review count, workers, throughput and the
// oldest queued job, kept live by the job events (each event asks for /api/stats again, at
// most every 300 ms); recent failures with their reason and a Retry button; the last events.

import { get, send } from './api.js';
import { age, clock, el, number, replace, statusBadge, time } from './dom.js';
import { onJobEvent } from './events.js';
import { t } from './i18n.js';

const statuses = ['queued', 'processing', 'done', 'failed', 'duplicate'];

export function render(main) {
  const counts = el('div', { class: 'cards', id: 'counts' });
  const failures = el('div', { id: 'failures' });
  const activity = el('ol', { class: 'activity', id: 'activity' }, el('li', { class: 'muted' }, t('dash.noActivity')));
  main.append(
    el('h1', {}, t('nav.dashboard')),
    counts,
    el('div', { class: 'columns' },
      el('section', { class: 'panel' }, el('h2', {}, t('dash.failures')), failures),
      el('section', { class: 'panel' }, el('h2', {}, t('dash.activity')), activity)),
  );

  let pending = null;
  let closed = false;
  async function refreshStats() {
    try {
      showStats(counts, await get('/api/stats'));
    } catch (error) {
      replace(counts, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    }
  }
  async function refreshFailures() {
    try {
      showFailures(failures, (await get('/api/ocr/jobs', { status: 'failed', limit: 10 })).items, refreshAll);
    } catch (error) {
      replace(failures, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    }
  }
  function refreshAll() { refreshStats(); refreshFailures(); }
  // Events come in bursts (a progress event per page); one stats read per 300 ms keeps the
  // counts under a second behind without a read per event.
  function soon(alsoFailures) {
    if (alsoFailures) refreshFailures();
    if (pending || closed) return;
    pending = setTimeout(() => { pending = null; refreshStats(); }, 300);
  }
  const unsubscribe = onJobEvent((event) => {
    if (event.type !== 'job.progress') addActivity(activity, event);
    soon(event.type === 'job.failed' || event.type === 'job.queued');
  });
  // The oldest job's age grows without events.
  const ticker = setInterval(refreshStats, 5000);
  refreshAll();
  return () => { closed = true; unsubscribe(); clearInterval(ticker); clearTimeout(pending); };
}

function card(id, label, value, extra) {
  return el('div', { class: `card card-${id}`, 'data-count': id },
    el('div', { class: 'card-label' }, label), el('div', { class: 'card-value' }, value), extra ?? null);
}

function showStats(container, stats) {
  replace(container,
    ...statuses.map((status) => card(status, t(`status.${status}`), number(stats[status]))),
    card('invoices', t('dash.invoices'), number(stats.invoices)),
    card('needs_review', t('dash.review'), number(stats.needs_review),
      stats.needs_review > 0 ? el('a', { href: '#/review' }, t('dash.openReview')) : null),
    card('workers', t('dash.workers'), `${stats.workers_busy} / ${stats.workers}`),
    card('throughput', t('dash.throughput'), t('dash.perMinute', { n: number(stats.jobs_per_minute_5m, 1) }),
      el('div', { class: 'muted' }, t('dash.perHour', { n: number(stats.jobs_per_minute_60m, 1) }))),
    card('oldest', t('dash.oldest'), age(stats.oldest_queued_age_seconds)),
  );
}

function showFailures(container, jobs, refresh) {
  if (!jobs.length) {
    replace(container, el('p', { class: 'muted' }, t('dash.noFailures')));
    return;
  }
  replace(container, el('table', { class: 'list' },
    el('tbody', {}, ...jobs.map((job) => {
      const button = el('button', { type: 'button', 'data-retry': job.id }, t('dash.retry'));
      const row = el('tr', { 'data-job': job.id },
        el('td', {}, el('div', { class: 'filename' }, job.filename), el('div', { class: 'muted small' }, time(job.updated_at))),
        el('td', { class: 'reason' }, job.error_message ?? ''),
        el('td', {}, button));
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await send('POST', `/api/ocr/job/${encodeURIComponent(job.id)}/retry`);
          replace(button.parentElement, el('span', { class: 'muted' }, t('dash.retried')));
          refresh();
        } catch (error) {
          button.disabled = false;
          row.append(el('td', { class: 'error' }, error.message));
        }
      });
      return row;
    }))));
}

function addActivity(list, event) {
  if (list.firstChild?.classList?.contains('muted')) list.replaceChildren();
  const status = event.type.replace(/^job\./, '');
  const what = event.invoice_id ? el('a', { href: `#/invoice/${Number(event.invoice_id)}` }, `#${Number(event.invoice_id)}`) : null;
  list.prepend(el('li', {},
    el('span', { class: 'muted small' }, clock(event.at * 1000)), ' ',
    statusBadge(status), ' ', el('span', { class: 'filename' }, event.filename), ' ', what,
    event.message ? el('div', { class: 'reason small' }, event.message) : null));
  while (list.children.length > 12) list.lastChild.remove();
}
