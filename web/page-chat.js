// Chat: a question goes to POST /chat with "stream": true; the answer's pieces are added as
// they arrive (token events), the tools the model calls are named (lookup events), and the
// finished answer (done) is redrawn with each cited #id that the daemon vouches for
// (invoice_ids) as a link to that invoice. "Clear" forgets this browser's conversation on
// the daemon (DELETE /chat/history).

import { loginIfRefused, readEventStream, send, userId, withQuery } from './api.js';
import { el, replace } from './dom.js';
import { t } from './i18n.js';

// The conversation shown, kept while the tab is open (the daemon keeps its own memory).
const shown = [];

export function render(main, params) {
  const about = params.invoice_id && /^\d+$/.test(params.invoice_id) ? Number(params.invoice_id) : null;
  const log = el('div', { class: 'chat-log', id: 'chat-log', 'aria-live': 'polite' });
  const question = el('textarea', { id: 'question', rows: 3, placeholder: t('chat.placeholder'), 'aria-label': t('chat.placeholder') });
  const sendButton = el('button', { type: 'submit', class: 'primary', id: 'send' }, t('chat.send'));
  const clear = el('button', { type: 'button', id: 'clear-chat', class: 'secondary' }, t('chat.clear'));
  const status = el('p', { class: 'muted small', id: 'chat-status', role: 'status' });
  const form = el('form', { class: 'chat-form' }, question, el('div', { class: 'actions' }, sendButton, clear));
  main.append(el('h1', {}, t('chat.title')),
    about ? el('p', {}, el('a', { href: `#/invoice/${about}` }, t('chat.about', { id: about }))) : null,
    log, status, form);

  const redraw = () => {
    if (!shown.length) { replace(log, el('p', { class: 'muted' }, t('chat.empty'))); return; }
    replace(log, ...shown.map(bubble));
    log.scrollTop = log.scrollHeight;
  };
  redraw();

  question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = question.value.trim();
    if (!message) return;
    question.value = '';
    sendButton.disabled = true;
    const answer = { who: 'bot', text: '', ids: [], pending: true };
    shown.push({ who: 'you', text: message }, answer);
    redraw();
    try {
      await ask(message, about, answer, (note) => { status.textContent = note; redraw(); });
    } catch (error) {
      answer.error = error.message;
    }
    answer.pending = false;
    status.textContent = '';
    sendButton.disabled = false;
    redraw();
    question.focus();
  });
  clear.addEventListener('click', async () => {
    try {
      const result = await send('DELETE', withQuery('/chat/history', { user_id: userId() }));
      shown.length = 0;
      redraw();
      status.textContent = t('chat.cleared', { n: result.deleted });
    } catch (error) {
      status.textContent = t('err.generic', { m: error.message });
    }
  });
  question.focus();
}

async function ask(message, invoiceId, answer, progress) {
  const response = await fetch('/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ message, user_id: userId(), invoice_id: invoiceId ?? undefined, stream: true }),
  });
  if (!response.ok) {
    loginIfRefused(response);
    const body = await response.json().catch(() => null);
    throw new Error(body?.error ?? `HTTP ${response.status}`);
  }
  await readEventStream(response, (name, data) => {
    if (name === 'token') { answer.text += data.text; progress(''); }
    else if (name === 'lookup') progress(t('chat.lookup', { tool: data.tool }));
    else if (name === 'done') { answer.text = data.reply; answer.ids = data.invoice_ids ?? []; }
    else if (name === 'error') answer.error = data.error;
  });
}

/** The answer's text with each `#id` the daemon listed as a link; everything else as text. */
function withLinks(text, ids) {
  const cited = new Set(ids.map(Number));
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(/#(\d+)/g)) {
    const id = Number(match[1]);
    if (!cited.has(id)) continue;
    nodes.push(text.slice(last, match.index));
    nodes.push(el('a', { href: `#/invoice/${id}`, 'data-invoice': id }, match[0]));
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

function bubble(entry) {
  const who = el('div', { class: 'who' }, entry.who === 'you' ? t('chat.you') : t('chat.bot'));
  if (entry.who === 'you') return el('div', { class: 'bubble you' }, who, el('div', { class: 'text' }, entry.text));
  return el('div', { class: `bubble bot${entry.pending ? ' pending' : ''}`, 'data-answer': entry.pending ? 'pending' : 'done' }, who,
    el('div', { class: 'text' }, ...(entry.pending ? [entry.text || '…'] : withLinks(entry.text, entry.ids))),
    entry.error ? el('div', { class: 'error' }, entry.error) : null);
}
