// Upload: files dropped (or chosen) are sent one after another to POST /upload-image; each
// row then follows its job live through the job events: queued → processing (its progress)
// → done (a link to the invoice) or failed (the reason). The rows stay while the page is
// open in this tab, so one can go and look at an invoice and come back.

import { get, upload } from './api.js';
import { el, replace, statusBadge } from './dom.js';
import { onJobEvent } from './events.js';
import { t } from './i18n.js';

// The order a job's states come in; an event older than what a row shows is ignored (the
// upload's answer and the first events race).
const rank = { uploading: 0, queued: 1, retrying: 2, processing: 2, done: 3, failed: 3, duplicate: 3 };

const rows = [];          // {file, jobId, status, progress, invoiceId, message}, kept across visits
const latestByJob = new Map(); // the last event of each job seen before its upload answered

export function render(main) {
  const input = el('input', { type: 'file', multiple: true, id: 'file-input', class: 'visually-hidden',
    accept: '.png,.jpg,.jpeg,.tif,.tiff,.pdf,.xml,.webp,.bmp,.gif,image/*,application/pdf,text/xml' });
  const zone = el('label', { class: 'dropzone', for: 'file-input', id: 'dropzone' },
    el('div', { class: 'dropzone-text' }, t('upload.drop')),
    el('span', { class: 'button' }, t('upload.choose')));
  const list = el('table', { class: 'list uploads', id: 'uploads' });
  main.append(el('h1', {}, t('upload.title')), zone, input, list);

  const redraw = () => showRows(list);
  input.addEventListener('change', () => { take([...input.files], redraw); input.value = ''; });
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    take([...event.dataTransfer.files], redraw);
  });
  const unsubscribe = onJobEvent((event) => {
    const row = rows.find((r) => r.jobId === event.job_id);
    if (!row) { latestByJob.set(event.job_id, event); return; }
    if (apply(row, event)) redraw();
  });
  redraw();
  return unsubscribe;
}

/** Applies a job event to its row; false when the row already shows something later. */
function apply(row, event) {
  let status = event.type.replace(/^job\./, '');
  if (status === 'progress') status = 'processing';
  if (!(status in rank) || rank[status] < rank[row.status]) return false;
  if (status === 'processing' && row.status === 'processing' && (event.progress ?? 0) < row.progress) return false;
  row.status = status;
  if (event.progress !== undefined && event.progress !== null) row.progress = event.progress;
  if (event.invoice_id) row.invoiceId = event.invoice_id;
  if (event.message) row.message = event.message;
  return true;
}

async function take(files, redraw) {
  const added = files.map((file) => ({ file, jobId: null, status: 'uploading', progress: 0, invoiceId: null, message: null }));
  rows.unshift(...added.slice().reverse());
  redraw();
  // One at a time: the daemon holds each upload in memory until it is stored.
  for (const row of added) {
    try {
      const answer = await upload(row.file);
      row.jobId = answer.job_id;
      row.status = answer.status;
      if (answer.status === 'duplicate' && answer.duplicate_of) {
        row.message = t('upload.duplicateOf');
        const original = await get(`/api/ocr/job/${encodeURIComponent(answer.duplicate_of)}`).catch(() => null);
        row.invoiceId = original?.invoice_id ?? null;
      } else {
        // Events that came before this answer, then the job as it is now (an event may have
        // been missed while the stream reconnected).
        const early = latestByJob.get(row.jobId);
        if (early) apply(row, early);
        const job = await get(`/api/ocr/job/${encodeURIComponent(row.jobId)}`).catch(() => null);
        if (job) apply(row, { type: `job.${job.status}`, progress: job.progress, invoice_id: job.invoice_id, message: job.error_message });
      }
    } catch (error) {
      row.status = 'failed';
      row.message = error.message;
    }
    redraw();
  }
}

function showRows(list) {
  if (!rows.length) {
    replace(list, el('tbody', {}, el('tr', {}, el('td', { class: 'muted' }, t('upload.none')))));
    return;
  }
  replace(list,
    el('thead', {}, el('tr', {}, el('th', {}, t('upload.file')), el('th', {}, t('upload.state')), el('th', {}, ''))),
    el('tbody', {}, ...rows.map((row) => el('tr', { 'data-upload': row.file.name, 'data-status': row.status, 'data-job': row.jobId },
      el('td', { class: 'filename' }, row.file.name),
      el('td', {}, statusBadge(row.status),
        row.status === 'processing' ? el('progress', { max: 100, value: row.progress }) : null,
        row.status === 'processing' ? el('span', { class: 'small' }, ` ${row.progress}%`) : null),
      el('td', {},
        row.invoiceId ? el('a', { href: `#/invoice/${Number(row.invoiceId)}`, 'data-invoice': row.invoiceId }, t('upload.open', { id: row.invoiceId })) : null,
        row.message ? el('div', { class: row.status === 'failed' ? 'reason error' : 'muted small' }, row.message) : null)))));
}
