// One EventSource on /api/events for the whole workspace: pages subscribe to job events
// and unsubscribe when they are left. The browser reconnects by itself and sends
// Last-Event-ID, so the daemon replays what was missed.

const kinds = ['job.queued', 'job.progress', 'job.done', 'job.failed', 'job.retrying', 'job.duplicate'];
const listeners = new Set();
const connectionListeners = new Set();
let source = null;
let connected = false;

function open() {
  source = new EventSource('/api/events');
  source.addEventListener('open', () => setConnected(true));
  source.addEventListener('error', () => setConnected(source.readyState === EventSource.OPEN));
  for (const kind of kinds) {
    source.addEventListener(kind, (message) => {
      let data;
      try { data = JSON.parse(message.data); } catch { return; }
      for (const listener of listeners) listener(data);
    });
  }
}

function setConnected(value) {
  if (value === connected) return;
  connected = value;
  for (const listener of connectionListeners) listener(connected);
}

/** Calls `listener(event)` for each job event ({type, job_id, filename, progress, invoice_id, message}); returns the unsubscribe. */
export function onJobEvent(listener) {
  if (!source) open();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener(connected)` whenever the stream opens or drops, and once now. */
export function onConnection(listener) {
  if (!source) open();
  connectionListeners.add(listener);
  listener(connected);
  return () => connectionListeners.delete(listener);
}
