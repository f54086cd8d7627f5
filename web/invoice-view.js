// One invoice as the invoice page and the review queue show it: the fields, each with an
// Edit button (PATCH /api/invoices/{id} {"<field>": "<value>"}), Confirm ({"confirm": true}),
// the automatic checks, the corrections made so far (`edits`), the job that read it and the
// OCR text. Every value is put in as text.

import { get, send, userId } from './api.js';
import { day, el, money, percent, replace, statusBadge, time } from './dom.js';
import { has, t } from './i18n.js';
import { typeName } from './page-invoices.js';

/** The fields in the order an accountant reads an invoice. */
export const fields = ['invoice_type', 'invoice_series', 'invoice_number', 'invoice_code', 'invoice_date', 'seller_name',
  'seller_tax_code', 'buyer_name', 'buyer_tax_code', 'subtotal', 'vat_rate', 'vat_amount', 'total_amount', 'currency', 'amount_in_words'];
const amounts = new Set(['subtotal', 'vat_amount', 'total_amount', 'vat_rate']);
// Which checks vouch for which fields: a field a passed check covers is shown as confirmed.
const checksOfField = {
  subtotal: ['sum_matches', 'vat_rate_matches', 'items_sum_matches'], vat_amount: ['sum_matches', 'vat_rate_matches'],
  total_amount: ['sum_matches', 'words_match_total', 'cash_change_matches'], vat_rate: ['vat_rate_matches'],
  amount_in_words: ['words_match_total'], seller_tax_code: ['seller_tax_code_valid'], buyer_tax_code: ['buyer_tax_code_valid'],
  invoice_series: ['series_format_valid'], seller_name: ['seller_from_supplier_profile'], invoice_type: ['seller_from_supplier_profile'],
};
const checkNames = ['sum_matches', 'vat_rate_matches', 'words_match_total', 'items_sum_matches', 'cash_change_matches',
  'seller_tax_code_valid', 'buyer_tax_code_valid', 'series_format_valid', 'seller_from_supplier_profile'];

function shown(detail, field) {
  const value = detail[field];
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'invoice_type') return typeName(value);
  if (field === 'invoice_date') return day(value);
  if (field === 'vat_rate') return `${value}%`;
  if (amounts.has(field)) return money(value, detail.currency);
  return String(value);
}

/** Sends a correction; answers the invoice as it now is and the warnings. */
export async function correct(id, body) {
  return send('PATCH', `/api/invoices/${Number(id)}`, { ...body, user_id: userId() });
}

/**
 * The view of `detail` (GET /api/invoices/{id}), with `note` ({text, kind}) shown at the top.
 * `changed(detail, note)` is called with the invoice as the daemon answers after a
 * correction or confirmation, and what to say about it.
 */
export function invoiceView(detail, changed, note = null) {
  const message = el('div', { class: 'message', id: 'message', role: 'status' });
  const say = (text, kind = 'ok') => replace(message, el('p', { class: kind }, text));
  if (note) say(note.text, note.kind);
  async function apply(body) {
    try {
      const result = await correct(detail.id, body);
      const warnings = result.warnings ?? [];
      changed(result.invoice ?? result, {
        text: warnings.length ? warnings.map((w) => t('one.warning', { w })).join(' ') : t('one.saved'),
        kind: warnings.length ? 'warning' : 'ok',
      });
      return true;
    } catch (error) {
      say(t('err.generic', { m: error.message }), 'error');
      return false;
    }
  }

  const confirm = el('button', { type: 'button', id: 'confirm', class: 'primary', disabled: !detail.needs_review },
    detail.needs_review ? t('one.confirm') : t('one.confirmed'));
  confirm.addEventListener('click', () => apply({ confirm: true }));

  const rows = fields.map((field) => fieldRow(detail, field, apply));
  return el('div', { class: 'invoice', 'data-invoice': detail.id },
    el('div', { class: 'invoice-head' },
      el('h1', {}, t('one.title', { id: detail.id })),
      detail.needs_review ? el('span', { class: 'badge status-failed', id: 'review-flag' }, t('one.needsReview'))
        : el('span', { class: 'badge status-done' }, t('one.ok')),
      el('span', { class: 'muted' }, `${t('field.confidence_score')}: ${percent(detail.confidence_score)}`),
      el('span', { class: 'spacer' }),
      el('a', { href: `#/chat?invoice_id=${Number(detail.id)}`, class: 'button secondary' }, t('one.chatAbout')),
      confirm),
    message,
    el('div', { class: 'columns' },
      el('section', { class: 'panel' }, el('h2', {}, t('one.fields')),
        el('table', { class: 'fields', id: 'fields' }, el('tbody', {}, ...rows))),
      el('div', {},
        el('section', { class: 'panel' }, el('h2', {}, t('one.original')), pagesView(detail)),
        el('section', { class: 'panel' }, el('h2', {}, t('one.checks')), checksView(detail.checks)),
        el('section', { class: 'panel' }, el('h2', {}, t('one.history')), historyView(detail.edits)),
        el('section', { class: 'panel' }, el('h2', {}, t('one.job')), jobView(detail.job)))),
    el('section', { class: 'panel' }, el('h2', {}, t('one.text')), el('pre', { class: 'ocr-text', id: 'ocr-text' }, detail.raw_text ?? '')));
}

/** How much the field is trusted: a person's correction, a passed check, the extractor's confidence. */
function trust(detail, field) {
  const edited = (detail.edits ?? []).some((edit) => edit.field === field);
  if (edited) return el('span', { class: 'trust person', 'data-trust': 'person' }, t('one.byPerson'));
  const passed = (checksOfField[field] ?? []).filter((name) => detail.checks?.[name] === true);
  const confidence = detail.field_confidence?.[field];
  if (passed.length) {
    return el('span', { class: 'trust checked', 'data-trust': 'checked', title: passed.map((n) => t(`check.${n}`)).join(' · ') },
      `✓ ${confidence === undefined ? '' : percent(confidence)}`.trim());
  }
  if (confidence === undefined || detail[field] === null || detail[field] === undefined) return null;
  return el('span', { class: confidence < 0.8 ? 'trust low' : 'trust', 'data-trust': 'read' }, percent(confidence));
}

function fieldRow(detail, field, apply) {
  const value = el('td', { class: 'value', 'data-field': field }, shown(detail, field));
  const edit = el('button', { type: 'button', class: 'link', 'data-edit': field }, t('one.edit'));
  const row = el('tr', {}, el('th', {}, t(`field.${field}`)), value, el('td', { class: 'trust-cell' }, trust(detail, field)),
    el('td', { class: 'edit' }, edit));
  edit.addEventListener('click', () => {
    const original = detail[field] ?? '';
    const input = el('input', { type: field === 'invoice_date' ? 'date' : 'text', value: String(original), name: field, 'aria-label': t(`field.${field}`) });
    const save = el('button', { type: 'submit', class: 'primary' }, t('one.save'));
    const cancel = el('button', { type: 'button' }, t('one.cancel'));
    const form = el('form', { class: 'inline-edit' }, input, save, cancel);
    replace(value, form);
    edit.hidden = true;
    input.focus();
    input.select?.();
    const close = () => { replace(value, shown(detail, field)); edit.hidden = false; };
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.stopPropagation(); close(); } });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      let sent = text === '' ? null : text;
      // Amounts go as numbers: "1.851.768" or "1,851,768" as accountants type them.
      if (sent !== null && amounts.has(field)) {
        const digits = field === 'vat_rate' ? sent.replace(',', '.') : sent.replace(/[.,\s](?=\d{3}(\D|$))/g, '');
        if (/^-?\d+(\.\d+)?$/.test(digits)) sent = Number(digits);
      }
      save.disabled = true;
      if (!(await apply({ [field]: sent }))) save.disabled = false;
    });
  });
  return row;
}

/** The original's pages as the daemon renders them (GET /api/invoices/{id}/pages/{n}), each a link to itself. */
function pagesView(detail) {
  const count = Math.max(1, Math.min(20, Number(detail.job?.pages) || 1));
  if (!detail.job) return el('p', { class: 'muted' }, t('one.noImage'));
  const pages = el('div', { class: 'pages', id: 'pages' });
  for (let page = 1; page <= count; page += 1) {
    const source = `/api/invoices/${Number(detail.id)}/pages/${page}`;
    const image = el('img', { src: source, class: 'page-image', alt: t('one.page', { n: page }), loading: 'lazy', 'data-page': page });
    const link = el('a', { href: source, target: '_blank', rel: 'noopener' }, image);
    image.addEventListener('error', () => link.replaceWith(el('p', { class: 'muted small', 'data-page-missing': page }, t('one.pageMissing', { n: page }))));
    pages.append(link);
  }
  return pages;
}

function checksView(checks) {
  if (!checks || typeof checks !== 'object') return el('p', { class: 'muted' }, '—');
  const list = el('ul', { class: 'checks', id: 'checks' });
  for (const name of checkNames) {
    const value = checks[name];
    if (value === null || value === undefined) continue;
    const label = has(`check.${name}`) ? t(`check.${name}`) : name;
    list.append(el('li', { class: value ? 'passed' : 'failed', 'data-check': name },
      el('span', { class: 'mark' }, value ? '✓' : '✗'), ' ', label, ' ',
      el('span', { class: 'muted small' }, value ? t('one.checkPassed') : t('one.checkFailed'))));
  }
  const skipped = checkNames.filter((name) => checks[name] === null);
  if (skipped.length) {
    list.append(el('li', { class: 'muted small' }, `${t('one.checkNotMade')}: `,
      skipped.map((name) => (has(`check.${name}`) ? t(`check.${name}`) : name)).join(', ')));
  }
  const repairs = Array.isArray(checks.repairs) ? checks.repairs : [];
  const warnings = Array.isArray(checks.warnings) ? checks.warnings : [];
  return el('div', {}, list,
    repairs.length ? el('div', {}, el('h3', {}, t('one.repairs')), el('ul', { class: 'small' },
      ...repairs.map((r) => el('li', {}, `${t(`field.${r.field}`)}: “${r.original}” → “${r.repaired}” (${r.reason})`)))) : null,
    warnings.length ? el('div', {}, el('h3', {}, t('one.warnings')), el('ul', { class: 'small', id: 'warnings' },
      ...warnings.map((w) => el('li', {}, String(w))))) : null);
}

function historyView(edits) {
  if (!Array.isArray(edits) || !edits.length) return el('p', { class: 'muted', id: 'history' }, t('one.noHistory'));
  return el('ol', { class: 'history', id: 'history' }, ...edits.slice().reverse().map((edit) => el('li', { 'data-field': edit.field },
    el('span', { class: 'muted small' }, `${time(edit.edited_at)} · ${edit.edited_by ?? ''}`), el('br'),
    el('strong', {}, has(`field.${edit.field}`) ? t(`field.${edit.field}`) : edit.field), ': ',
    el('span', { class: 'old' }, edit.old_value ?? '—'), ' → ', el('span', { class: 'new' }, edit.new_value ?? '—'))));
}

function jobView(job) {
  if (!job) return el('p', { class: 'muted' }, '—');
  const row = (key, value) => el('tr', {}, el('th', {}, t(`job.${key}`)), el('td', {}, value ?? '—'));
  const table = el('table', { class: 'fields', id: 'job' }, el('tbody', {},
    row('filename', job.filename),
    row('status', statusBadge(job.status)),
    row('uploader', job.uploader ?? job.user_id),
    row('created_at', time(job.created_at)),
    row('completed_at', time(job.completed_at)),
    row('attempts', String(job.attempts)),
    row('pages', job.pages === null ? null : String(job.pages)),
    job.error_message ? row('error_message', job.error_message) : null,
    row('sha256', el('code', { class: 'small' }, job.sha256 ?? '—'))));
  return el('div', {}, table, el('h3', { class: 'muted small' }, t('job.history')), jobHistory(job.id));
}

/** The job's arrival and each change of its status since (GET /api/ocr/job/{id}/history). */
function jobHistory(id) {
  const list = el('ol', { class: 'history', id: 'job-history' });
  get(`/api/ocr/job/${encodeURIComponent(id)}/history`).then((history) => {
    replace(list,
      el('li', { 'data-status': 'received' }, el('span', { class: 'muted small' }, time(history.received_at)), ' ', t('job.received')),
      ...history.entries.map((entry) => el('li', { 'data-status': entry.status },
        el('span', { class: 'muted small' }, time(entry.at)), ' ', statusBadge(entry.status), ' ',
        el('span', { class: 'muted small' }, t('job.attempt', { n: entry.attempts })),
        entry.message ? el('div', { class: 'small' }, entry.message) : null)));
  }).catch(() => replace(list, el('li', { class: 'muted' }, '—')));
  return list;
}
