// The web chat: sends questions and votes to the JSON API and renders its replies as DOM (never as HTML).
// A file, not an inline <script>: the Content-Security-Policy runs scripts from Sofo's own origin only.
const log = document.getElementById('log');
const form = document.getElementById('ask');
const input = document.getElementById('q');
input.focus();

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

// The reply text is Markdown-light: paragraphs, "- " lists, **bold** and *italic*. Built as DOM, never as HTML.
function richText(text) {
  const box = el('div');
  let list = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('- ')) {
      if (!list) {
        list = el('ul');
        box.append(list);
      }
      list.append(el('li', {}, ...inline(line.slice(2))));
    } else if (line.trim()) {
      list = null;
      box.append(el('p', {}, ...inline(line)));
    }
  }
  return box;
}
function inline(text) {
  return text
    .split(/\*\*(.+?)\*\*/g)
    .flatMap((part, i) =>
      i % 2
        ? [el('strong', {}, part)]
        : part.split(/\*([^*\s][^*]*?)\*/g).map((p, j) => (j % 2 ? el('em', {}, p) : p)),
    );
}

// A random id for this browser tab: the server hashes it, so votes can be told apart but not traced.
const session = sessionStorage.getItem('sofo-session') || Math.random().toString(36).slice(2);
sessionStorage.setItem('sofo-session', session);

// Everything the page says about a reply is in the reply's language.
const WORDS = {
  sv: {
    ask: 'Var svaret till hjälp?',
    up: 'Bra svar',
    down: 'Inte bra svar',
    thanks: 'Tack för din återkoppling!',
    unsaved: 'Din röst kunde inte sparas. Försök igen.',
    related: 'Närliggande ämnen jag kan svara på:',
  },
  en: {
    ask: 'Was this helpful?',
    up: 'Helpful',
    down: 'Not helpful',
    thanks: 'Thanks for your feedback!',
    unsaved: 'Your vote could not be saved. Please try again.',
    related: 'Related topics I can answer:',
  },
};

function feedbackRow(reply, question) {
  const words = WORDS[reply.lang] || WORDS.sv;
  const row = el('div', { class: 'feedback', tabindex: '-1' });
  const note = el('span', {}, `${words.ask} `);
  const buttons = [
    ['up', '👍', words.up],
    ['down', '👎', words.down],
  ].map(([value, icon, label]) =>
    el('button', { type: 'button', onclick: () => vote(value), 'aria-label': label, title: label }, icon),
  );
  // Thanks only once the server has the vote; if it does not, say so and keep the buttons.
  const vote = async (value) => {
    for (const b of buttons) b.disabled = true;
    let saved = false;
    try {
      const res = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: reply.id, q: question, vote: value, session }),
      });
      saved = res.ok;
    } catch {
      saved = false;
    }
    if (saved) {
      row.replaceChildren(words.thanks);
    } else {
      note.textContent = `${words.unsaved} `;
      for (const b of buttons) b.disabled = false;
    }
    // The clicked button may be gone: focus the row, which now says what happened.
    row.focus();
  };
  row.append(note, buttons[0], ' ', buttons[1]);
  return row;
}

// "031-366 37 65" → "tel:+46313663765", as channels/shared/tel.ts does for Slack and Teams.
function telUri(phone) {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('0') ? `+46${digits.slice(1)}` : digits}`;
}

function renderReply(reply, question) {
  const words = WORDS[reply.lang] || WORDS.sv;
  const box = el('div', { class: 'msg bot', lang: reply.lang });
  if (reply.title) box.append(el('h2', {}, reply.title));
  if (reply.text) box.append(richText(reply.text));
  const offered =
    reply.alternatives.length > 0 &&
    (reply.kind === 'clarify' || reply.kind === 'list' || reply.kind === 'fallback');
  if (offered) {
    // After a fallback the choices are topics, not answers: say so, so that a button is not taken for a link.
    if (reply.kind === 'fallback') box.append(el('p', { class: 'choices-label' }, words.related));
    const choices = el('div', { class: 'choices' });
    for (const alt of reply.alternatives) {
      const button = el('button', { type: 'button' }, alt.title);
      button.addEventListener('click', () => {
        // One choice opens one answer: the buttons are spent once used.
        for (const b of choices.querySelectorAll('button')) b.disabled = true;
        pick(alt, reply.lang, question);
      });
      choices.append(button);
    }
    box.append(choices);
  }
  for (const c of reply.contacts) {
    const card = el(
      'div',
      { class: 'contact' },
      el('strong', {}, c.name),
      el('br'),
      `${c.role}, ${c.organisation}`,
    );
    if (c.email) card.append(el('br'), el('a', { href: `mailto:${c.email}` }, c.email));
    if (c.phone) card.append(el('br'), el('a', { href: telUri(c.phone) }, c.phone));
    box.append(card);
  }
  // A link named like a topic button just above would read as the same thing twice: the button leads there.
  const shown = offered
    ? reply.links.filter((l) => !reply.alternatives.some((a) => a.title === l.title))
    : reply.links;
  if (shown.length) {
    const links = el('ul', { class: 'links' });
    for (const l of shown)
      links.append(el('li', {}, el('a', { href: l.url, target: '_blank', rel: 'noopener' }, l.title)));
    box.append(links);
  }
  if (reply.source) {
    const link = el('a', { href: reply.source.url, target: '_blank', rel: 'noopener' }, reply.source.title);
    box.append(el('div', { class: 'source' }, link));
  }
  if (reply.feedback) box.append(feedbackRow(reply, question));
  log.append(box);
  box.scrollIntoView({ behavior: 'smooth', block: 'end' });
}

// A 429 is the per-client rate limit: say so, so that the user waits instead of retrying at once.
function showError(status) {
  const text =
    status === 429
      ? 'Många frågor på kort tid, vänta en stund och försök igen. / Many questions in a short time, please wait a moment and try again.'
      : 'Något gick fel, försök igen. / Something went wrong, please try again.';
  log.append(el('div', { class: 'msg bot' }, text));
}

// A vote on the chosen answer is about the user's own question, not the title they picked.
async function pick(alt, lang, question) {
  log.append(el('div', { class: 'msg me' }, alt.title));
  try {
    const res = await fetch(`/api/answer/${encodeURIComponent(alt.id)}?lang=${lang}`);
    if (!res.ok) return showError(res.status);
    renderReply(await res.json(), question);
  } catch {
    showError();
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  log.append(el('div', { class: 'msg me' }, text));
  try {
    const res = await fetch('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    if (!res.ok) return keep(text, res.status);
    renderReply(await res.json(), text);
  } catch {
    keep(text);
  }
});

// Nothing typed is lost: after a failure the question is back in the box, to send again.
function keep(text, status) {
  showError(status);
  if (!input.value) input.value = text;
  input.focus();
}
