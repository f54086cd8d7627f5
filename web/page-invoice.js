// Invoice: one invoice, GET /api/invoices/{id}, in the shared view; redrawn with what the
// daemon answers after a correction.

import { get } from './api.js';
import { el, replace } from './dom.js';
import { t } from './i18n.js';
import { invoiceView } from './invoice-view.js';

export function render(main, params) {
  main.append(el('p', { class: 'muted' }, t('loading')));
  const show = (detail, note) => replace(main, el('p', { class: 'crumbs' }, el('a', { href: '#/invoices' }, `← ${t('nav.invoices')}`)),
    invoiceView(detail, show, note));
  get(`/api/invoices/${Number(params.id)}`).then(show, (error) => {
    replace(main, el('p', { class: 'error' }, error.status === 404 ? t('one.notFound', { id: params.id }) : t('err.generic', { m: error.message })));
  });
}
