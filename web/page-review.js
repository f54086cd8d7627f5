// Review queue: invoices with needs_review, one at a time in the shared invoice view.
// "Confirm and next" (Enter) clears the flag and shows the next; J / → skips, K / ← goes
// back, E edits the seller's name. The list comes lowest score first (order=score), 200 at
// a time.

import { get } from './api.js';
import { el, replace } from './dom.js';
import { t } from './i18n.js';
import { correct, invoiceView } from './invoice-view.js';

export function render(main) {
  const bar = el('div', { class: 'review-bar' });
  // In the queue the bar's "Confirm and next" replaces the invoice's own Confirm (app.css).
  const body = el('div', { id: 'review-body', class: 'in-review' }, el('p', { class: 'muted' }, t('loading')));
  main.append(el('h1', {}, t('review.title')), el('p', { class: 'muted small', id: 'review-keys' }, t('review.keys')), bar, body);

  let queue = [];
  let cursor = null;
  let more = true;
  let index = 0;
  let busy = false;
  let closed = false;

  async function load() {
    const page = await get('/api/invoices/list', { needs_review: 'true', order: 'score', limit: 200, cursor });
    // An invoice confirmed meanwhile (in another tab) is left out; none is shown twice.
    const seen = new Set(queue.map((i) => i.id));
    queue.push(...page.items.filter((i) => !seen.has(i.id) && i.needs_review));
    cursor = page.next_cursor;
    more = Boolean(cursor);
  }

  async function show(note = null) {
    if (closed) return;
    if (index >= queue.length && more) await load();
    if (!queue.length) {
      replace(bar);
      replace(body, el('p', { class: 'empty', id: 'review-empty' }, t('review.empty')));
      return;
    }
    index = Math.min(index, queue.length - 1);
    const current = queue[index];
    let detail;
    try {
      detail = await get(`/api/invoices/${Number(current.id)}`);
    } catch (error) {
      replace(body, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
      return;
    }
    if (closed) return;
    const position = t(more ? 'review.more' : 'review.position', { i: index + 1, n: queue.length });
    replace(bar,
      el('button', { type: 'button', id: 'review-back', disabled: index === 0, on: { click: back } }, `← ${t('review.back')}`),
      el('span', { class: 'position', id: 'review-position' }, position),
      el('button', { type: 'button', id: 'review-skip', on: { click: skip } }, `${t('review.skip')} →`),
      el('button', { type: 'button', id: 'review-confirm', class: 'primary', on: { click: confirmAndNext } }, `${t('review.confirmNext')} ⏎`));
    replace(body, invoiceView(detail, (changed, changedNote) => {
      // A correction without confirming keeps the invoice in the queue; a confirmation ends it.
      if (!changed.needs_review) { queue.splice(index, 1); show(changedNote); } else { replace(body, invoiceView(changed, () => show(), changedNote)); }
    }, note));
  }

  async function confirmAndNext() {
    if (busy || !queue.length) return;
    busy = true;
    try {
      await correct(queue[index].id, { confirm: true });
      queue.splice(index, 1);
      await show();
    } catch (error) {
      replace(body.querySelector('#message') ?? body, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    } finally {
      busy = false;
    }
  }
  function skip() { if (index < queue.length - 1 || more) { index += 1; show(); } }
  function back() { if (index > 0) { index -= 1; show(); } }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      || (target instanceof HTMLButtonElement && event.key === 'Enter')) return;
    if (event.key === 'Enter') { event.preventDefault(); confirmAndNext(); }
    else if (event.key === 'j' || event.key === 'ArrowRight') { event.preventDefault(); skip(); }
    else if (event.key === 'k' || event.key === 'ArrowLeft') { event.preventDefault(); back(); }
    else if (event.key === 'e') { event.preventDefault(); body.querySelector('[data-edit="seller_name"]')?.click(); }
  }
  document.addEventListener('keydown', onKey);
  show().catch((error) => replace(body, el('p', { class: 'error' }, t('err.generic', { m: error.message }))));
  return () => { closed = true; document.removeEventListener('keydown', onKey); };
}
