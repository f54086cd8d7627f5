// Search snippets come from the daemon as HTML: the document's text escaped, the matching
// words in <mark>. They are rebuilt here as text nodes and <mark> elements, never parsed
// as markup: only the five escapes the daemon writes are undone, and any other tag-like
// text stays text.

const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescape(text) {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity]);
}

/** The snippet as nodes: text, and <mark> around the matches. */
export function snippetNodes(snippet) {
  const nodes = [];
  if (!snippet) return nodes;
  const parts = snippet.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(unescape(part));
    if (marked) {
      const mark = document.createElement('mark');
      mark.append(text);
      nodes.push(mark);
    } else {
      nodes.push(text);
    }
  }
  return nodes;
}
