// Invoices: the filters of /api/invoices/list (type, seller, date range, amount range, needs
// review) and cursor paging, and the search box (/api/search, among what the filters select,
// paged too) with highlighted snippets; the sums follow both; the CSV export carries the
// filter. The filter lives in the location hash, so a filtered
// list can be bookmarked and the Back button works.

import { get, withQuery } from './api.js';
import { day, el, money, percent, replace } from './dom.js';
import { has, t } from './i18n.js';
import { snippetNodes } from './snippet.js';

const filterNames = ['type', 'seller', 'from', 'to', 'min_total', 'max_total', 'needs_review'];
const types = ['general', 'electricity', 'water', 'telecom', 'service', 'retail'];
// Cursors of the pages before the current one, per filter, for "previous page".
const earlier = new Map();

export function typeName(type) {
  return type && has(`type.${type}`) ? t(`type.${type}`) : (type ?? '—');
}

export function render(main, params) {
  const filter = Object.fromEntries(filterNames.map((name) => [name, params[name] ?? '']));
  const input = (name, type, label, extra = {}) => el('label', { class: 'field' }, el('span', {}, label),
    el('input', { name, type, value: filter[name], ...extra }));
  const search = el('input', { type: 'search', name: 'q', id: 'search', value: params.q ?? '', placeholder: t('inv.search'), 'aria-label': t('inv.search') });
  const searchForm = el('form', { class: 'search', role: 'search' }, search, el('button', { type: 'submit' }, t('inv.searchButton')));
  const typeSelect = el('select', { name: 'type' }, el('option', { value: '' }, t('inv.anyType')),
    ...types.map((type) => el('option', { value: type, selected: filter.type === type }, typeName(type))));
  const filterForm = el('form', { class: 'filters', id: 'filters' },
    el('label', { class: 'field' }, el('span', {}, t('inv.type')), typeSelect),
    input('seller', 'text', t('inv.seller')),
    input('from', 'date', t('inv.from')),
    input('to', 'date', t('inv.to')),
    input('min_total', 'number', t('inv.minTotal'), { min: 0, step: 'any' }),
    input('max_total', 'number', t('inv.maxTotal'), { min: 0, step: 'any' }),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'needs_review', value: 'true', checked: filter.needs_review === 'true' }),
      ' ', t('inv.needsReview')),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, t('inv.apply')),
      el('a', { href: '#/invoices', class: 'button secondary' }, t('inv.clear')),
      el('a', { href: withQuery('/api/invoices/export.csv', filter), class: 'button secondary', id: 'export', download: 'invoices.csv' }, t('inv.export'))));
  const sums = el('div', { class: 'sums', id: 'sums', role: 'status' });
  const results = el('div', { id: 'results' }, el('p', { class: 'muted' }, t('loading')));
  main.append(el('h1', {}, t('inv.title')), searchForm, filterForm, sums, results);

  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = search.value.trim();
    location.hash = withQuery('#/invoices', { ...filter, q });
  });
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(filterForm);
    const chosen = {};
    for (const name of filterNames) chosen[name] = data.get(name) ?? '';
    location.hash = withQuery('#/invoices', { ...chosen, q: params.q ?? '' });
  });

  if (params.q) {
    showSums(sums, { ...filter, q: params.q });
    showSearch(results, params.q, filter, params.cursor ?? '');
  } else {
    showSums(sums, filter);
    showList(results, filter, params.cursor ?? '');
  }
}

/** What the filter selects (all pages), counted and summed per currency: GET /api/invoices/sums. */
async function showSums(container, filter) {
  let answer;
  try {
    answer = await get('/api/invoices/sums', filter);
  } catch {
    return; // The list below says what went wrong.
  }
  replace(container,
    el('span', { class: 'sums-count' }, t('inv.sumsCount', { n: answer.invoices })),
    ...answer.currencies.filter((c) => c.invoices_with_total > 0).map((c) => el('span', { class: 'sum', 'data-currency': c.currency ?? '' },
      el('span', { class: 'muted' }, `${t('inv.sumTotal')} `), el('strong', { class: 'sum-total' }, money(c.total_amount, c.currency ?? '')),
      el('span', { class: 'muted small' }, ` · ${t('inv.sumVat')} ${money(c.vat_amount, c.currency ?? '')}`))));
}

function invoiceRow(invoice, extraCell) {
  return el('tr', { 'data-invoice': invoice.id, class: invoice.needs_review ? 'needs-review' : null },
    el('td', {}, el('a', { href: `#/invoice/${Number(invoice.id)}` }, `#${invoice.id}`)),
    el('td', { class: 'nowrap' }, day(invoice.invoice_date)),
    el('td', {}, el('div', { class: 'seller' }, invoice.seller_name ?? '—'), el('div', { class: 'muted small' }, invoice.seller_tax_code ?? '')),
    el('td', {}, typeName(invoice.invoice_type)),
    el('td', { class: 'amount' }, money(invoice.total_amount, invoice.currency)),
    el('td', { class: 'amount' }, percent(invoice.confidence_score)),
    el('td', {}, invoice.needs_review ? el('span', { class: 'badge status-failed' }, t('one.needsReview')) : ''),
    extraCell ?? null);
}

function header(extra) {
  return el('thead', {}, el('tr', {},
    ...['col.id', 'col.date', 'col.seller', 'col.type', 'col.total', 'col.score', 'col.review'].map((key) => el('th', {}, t(key))),
    extra ? el('th', {}, t(extra)) : null));
}

async function showList(results, filter, cursor) {
  const key = JSON.stringify(filter);
  let page;
  try {
    page = await get('/api/invoices/list', { ...filter, cursor, limit: 50 });
  } catch (error) {
    replace(results, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    return;
  }
  if (!page.items.length && !cursor) {
    replace(results, el('p', { class: 'muted', id: 'empty' }, t('inv.empty')));
    return;
  }
  replace(results, el('table', { class: 'list invoices' }, header(), el('tbody', {}, ...page.items.map((i) => invoiceRow(i)))),
    pager(key, filter, cursor, page.next_cursor));
}

/** Previous and next links of a paged list; `key` names the list whose earlier cursors are kept. */
function pager(key, query, cursor, next) {
  const stack = earlier.get(key) ?? [];
  const links = el('div', { class: 'pager' });
  if (cursor) {
    const previous = stack.length ? stack[stack.length - 1] : '';
    links.append(el('a', { href: withQuery('#/invoices', { ...query, cursor: previous }), class: 'button secondary', id: 'prev',
      on: { click: () => { stack.pop(); earlier.set(key, stack); } } }, t('inv.prev')));
  }
  if (next) {
    links.append(el('a', { href: withQuery('#/invoices', { ...query, cursor: next }), class: 'button secondary', id: 'next',
      on: { click: () => { earlier.set(key, [...stack, cursor]); } } }, t('inv.next')));
  }
  return links;
}

async function showSearch(results, q, filter, cursor) {
  const key = JSON.stringify({ ...filter, q });
  let page;
  try {
    page = await get('/api/search', { ...filter, q, cursor, limit: 50 });
  } catch (error) {
    replace(results, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    return;
  }
  const title = el('p', {}, el('strong', {}, t('inv.searchResults', { q })), ' · ', el('a', { href: '#/invoices' }, t('inv.backToList')));
  if (!page.items.length && !cursor) {
    replace(results, title, el('p', { class: 'muted', id: 'empty' }, t('inv.empty')));
    return;
  }
  replace(results, title, el('table', { class: 'list invoices' }, header('col.match'),
    el('tbody', {}, ...page.items.map((hit) => invoiceRow(hit, el('td', { class: 'snippet' }, ...snippetNodes(hit.snippet)))))),
    pager(key, { ...filter, q }, cursor, page.next_cursor));
}
