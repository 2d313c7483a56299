// The editors' page: everything it shows comes from /admin/api/ (JSON), and is built as DOM, never as HTML.

const TEXTS = {
  sv: {
    title: 'Sofo – för redaktörer',
    sections: 'Avsnitt',
    inbox: 'Inkorg',
    test: 'Testa en fråga',
    batch: 'Batchtest',
    stats: 'Statistik',
    logout: 'Logga ut',
    localOnly: 'Ingen SOFO_ADMIN_TOKEN är satt: sidan går bara att öppna på datorn där Sofo körs.',
    forbidden: 'Sidan går bara att öppna på datorn där Sofo körs (ingen SOFO_ADMIN_TOKEN är satt).',
    loginTitle: 'Logga in',
    loginFailed: 'Fel token, försök igen.',
    token: 'Token (SOFO_ADMIN_TOKEN)',
    loginButton: 'Logga in',
    inboxTitle: 'Inkorg: frågor Sofo inte kunde svara på',
    inboxHelp:
      'Liknande frågor står tillsammans. Lägg till dem som formuleringar i rätt svar – det gäller direkt – eller ignorera dem, eller gör ett utkast till ett nytt svar.',
    testTitle: 'Testa en fråga',
    question: 'Fråga',
    testButton: 'Testa',
    batchTitle: 'Batchtest',
    batchLabel: 'En fråga per rad: {"q": "fråga", "expect": "id"} eller fråga, tabb, id',
    batchFile: '… eller ladda upp en fil (.jsonl, .tsv, .txt)',
    batchButton: 'Kör batchtest',
    statsTitle: 'Statistik per vecka',
    statsHelp: 'Bara antal: inga frågor, inga personer.',
    empty: 'Inkorgen är tom. Bra jobbat!',
    shown: (n, total) => `Visar ${n} av ${total} grupper.`,
    times: (n) => (n === 1 ? '1 gång' : `${n} gånger`),
    outcome: { fallback: 'Inget svar', clarify: 'Motfråga', down: '👎 Inte bra' },
    lang: { sv: 'svenska', en: 'engelska' },
    candidates: 'Närmast:',
    noCandidates: 'Inget svar låg nära.',
    addTo: 'Lägg till i svaret',
    choose: 'Välj svar …',
    add: 'Lägg till som formuleringar',
    ignore: 'Ignorera',
    draft: 'Gör utkast',
    added: (file, n) => `${n} formulering(ar) tillagda i ${file}. Gäller nu.`,
    nothingNew: 'Frågorna fanns redan i svaret.',
    ignored: (n) => `${n} fråga/frågor ignoreras, även om de ställs igen.`,
    drafted: (file) => `Utkast skrivet: ${file}`,
    pickEntry: 'Välj först ett svar.',
    failed: 'Det gick inte:',
    offline: 'Sofo svarar inte. Försök igen om en stund.',
    result: {
      answer: 'Svar',
      clarify: 'Motfråga',
      fallback: 'Inget svar',
      smalltalk: 'Småprat',
      help: 'Hjälp',
      list: 'Lista',
      contact: 'Kontaktperson',
      empty: 'Tom fråga',
    },
    outcomeLabel: 'Utfall',
    confidence: 'Säkerhet',
    threshold: 'Gräns',
    why: 'Varför',
    candidate: 'Kandidat',
    score: 'Poäng',
    matched: 'Ord som matchade',
    unexplained: 'Ord utan träff',
    none: '–',
    accuracy: (c, t, p) => `${c} av ${t} rätt (${p} %)`,
    misses: 'Missar',
    line: 'Rad',
    expected: 'Väntat',
    got: 'Fick',
    problems: 'Rader som inte gick att läsa',
    unknownIds: 'Okända id i testet:',
    allRight: 'Alla rätt.',
    noLines: 'Klistra in rader eller välj en fil.',
    week: 'Vecka',
    questions: 'Frågor',
    answered: 'Besvarade',
    clarified: 'Motfrågor',
    refused: 'Inget svar',
    up: '👍',
    down: '👎',
    perWeek: 'Frågor per vecka',
    votesPerWeek: 'Röster per vecka',
    perEntry: 'Per svar',
    perLang: 'Per språk',
    perChannel: 'Per kanal',
    entry: 'Svar',
    other: 'English',
    problemsTitle:
      'Den senaste ändringen i kunskapsbasen gick inte att läsa in. Sofo svarar med den förra versionen tills detta är rättat:',
  },
  en: {
    title: 'Sofo – for editors',
    sections: 'Sections',
    inbox: 'Inbox',
    test: 'Test a question',
    batch: 'Batch test',
    stats: 'Statistics',
    logout: 'Log out',
    localOnly: 'No SOFO_ADMIN_TOKEN is set: this page opens only on the computer Sofo runs on.',
    forbidden: 'This page opens only on the computer Sofo runs on (no SOFO_ADMIN_TOKEN is set).',
    loginTitle: 'Log in',
    loginFailed: 'Wrong token, try again.',
    token: 'Token (SOFO_ADMIN_TOKEN)',
    loginButton: 'Log in',
    inboxTitle: 'Inbox: questions Sofo could not answer',
    inboxHelp:
      'Similar questions sit together. Add them as phrasings of the right answer – live at once – or ignore them, or start a draft of a new answer.',
    testTitle: 'Test a question',
    question: 'Question',
    testButton: 'Test',
    batchTitle: 'Batch test',
    batchLabel: 'One question per line: {"q": "question", "expect": "id"} or question, tab, id',
    batchFile: '… or upload a file (.jsonl, .tsv, .txt)',
    batchButton: 'Run batch test',
    statsTitle: 'Statistics per week',
    statsHelp: 'Counts only: no questions, no people.',
    empty: 'The inbox is empty. Well done!',
    shown: (n, total) => `Showing ${n} of ${total} groups.`,
    times: (n) => (n === 1 ? 'once' : `${n} times`),
    outcome: { fallback: 'No answer', clarify: 'Clarify', down: '👎 Not helpful' },
    lang: { sv: 'Swedish', en: 'English' },
    candidates: 'Closest:',
    noCandidates: 'No answer came close.',
    addTo: 'Add to the answer',
    choose: 'Choose an answer …',
    add: 'Add as phrasings',
    ignore: 'Ignore',
    draft: 'Make a draft',
    added: (file, n) => `${n} phrasing(s) added to ${file}. Live now.`,
    nothingNew: 'The answer already had these questions.',
    ignored: (n) => `${n} question(s) ignored, also when asked again.`,
    drafted: (file) => `Draft written: ${file}`,
    pickEntry: 'Choose an answer first.',
    failed: 'That did not work:',
    offline: 'Sofo does not respond. Try again in a moment.',
    result: {
      answer: 'Answer',
      clarify: 'Clarify',
      fallback: 'No answer',
      smalltalk: 'Small talk',
      help: 'Help',
      list: 'List',
      contact: 'Contact person',
      empty: 'Empty question',
    },
    outcomeLabel: 'Outcome',
    confidence: 'Confidence',
    threshold: 'Threshold',
    why: 'Why',
    candidate: 'Candidate',
    score: 'Score',
    matched: 'Matched words',
    unexplained: 'Words without a match',
    none: '–',
    accuracy: (c, t, p) => `${c} of ${t} right (${p} %)`,
    misses: 'Misses',
    line: 'Line',
    expected: 'Expected',
    got: 'Got',
    problems: 'Lines that could not be read',
    unknownIds: 'Unknown ids in the test:',
    allRight: 'All right.',
    noLines: 'Paste lines or choose a file.',
    week: 'Week',
    questions: 'Questions',
    answered: 'Answered',
    clarified: 'Clarified',
    refused: 'No answer',
    up: '👍',
    down: '👎',
    perWeek: 'Questions per week',
    votesPerWeek: 'Votes per week',
    perEntry: 'Per answer',
    perLang: 'Per language',
    perChannel: 'Per channel',
    entry: 'Answer',
    other: 'Svenska',
    problemsTitle:
      'The latest change to the knowledge base could not be loaded. Sofo answers with the previous version until this is fixed:',
  },
};

let lang = localStorage.getItem('sofo-admin-lang') === 'en' ? 'en' : 'sv';
let entries = [];
const t = (key) => TEXTS[lang][key];
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick') node.addEventListener('click', v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== null) node.append(c);
  return node;
}

/** A JSON call; a 401 shows the login form, a refused write says why in the caller's status line. */
async function api(path, options = {}) {
  const init = { ...options, headers: { ...(options.headers || {}) } };
  if (options.json !== undefined) {
    init.method = init.method || 'POST';
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  }
  let res;
  try {
    res = await fetch(`/admin/api/${path}`, init);
  } catch {
    throw new Error(t('offline'));
  }
  if (res.status === 401) showLogin();
  if (res.status === 403) $('forbidden').hidden = false;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message || `${res.status}`);
  return body;
}

function applyTexts() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-t]')) {
    const text = t(node.dataset.t);
    if (typeof text === 'string') node.textContent = text;
  }
  for (const node of document.querySelectorAll('[data-t-label]'))
    node.setAttribute('aria-label', t(node.dataset.tLabel));
  document.title = t('title');
  const toggle = $('lang');
  toggle.textContent = t('other');
  toggle.lang = lang === 'sv' ? 'en' : 'sv';
}

function showLogin() {
  $('app').hidden = true;
  $('login').hidden = false;
  $('logout').hidden = true;
  $('login-failed').hidden = !location.search.includes('login=failed');
  $('token').focus();
}

// ---- Inbox ----

function entryTitle(id) {
  const entry = entries.find((e) => e.id === id);
  return entry ? entry.title[lang] : id;
}

/** Lists the groups; `said` (what an action did) replaces the count line. */
async function loadInbox(said) {
  const { groups, total } = await api('inbox');
  $('groups').replaceChildren(...groups.map(groupView));
  const status = $('inbox-status');
  status.textContent =
    said ??
    (groups.length === 0 ? t('empty') : total > groups.length ? t('shown')(groups.length, total) : '');
}

function groupView(group) {
  const selectId = `entry-${group.id}`;
  const select = el(
    'select',
    { id: selectId },
    el('option', { value: '' }, t('choose')),
    ...entries.map((e) =>
      el(
        'option',
        { value: e.id, selected: group.candidates[0] && group.candidates[0].id === e.id },
        `${e.title[lang]} (${e.id})`,
      ),
    ),
  );
  const candidates = group.candidates.length
    ? `${t('candidates')} ${group.candidates.map((c) => `${entryTitle(c.id)} ${c.score.toFixed(2)}`).join(' · ')}`
    : t('noCandidates');
  const item = el(
    'li',
    { class: 'group', 'data-group': group.id },
    el('h3', {}, `${t('outcome')[group.outcome]} · ${t('times')(group.count)}`),
    el('div', { class: 'meta' }, `${t('lang')[group.lang] || group.lang} · ${candidates}`),
    el('ul', { class: 'examples', lang: group.lang }, ...group.examples.map((q) => el('li', {}, q))),
    el(
      'div',
      { class: 'actions' },
      el('div', {}, el('label', { for: selectId }, t('addTo')), select),
      el('button', { type: 'button', onclick: () => act(group, 'add', { entryId: select.value }) }, t('add')),
      el('button', { type: 'button', onclick: () => act(group, 'ignore') }, t('ignore')),
      el('button', { type: 'button', onclick: () => act(group, 'draft') }, t('draft')),
    ),
  );
  return item;
}

async function act(group, action, body) {
  const status = $('inbox-status');
  status.className = 'status';
  if (action === 'add' && !body.entryId) {
    status.textContent = t('pickEntry');
    status.classList.add('bad');
    $(`entry-${group.id}`).focus();
    return;
  }
  let said;
  try {
    const done = await api(`inbox/${encodeURIComponent(group.id)}/${action}`, { json: body || {} });
    const n = done.added ? done.added.sv.length + done.added.en.length : 0;
    if (action === 'add') said = n ? t('added')(done.file, n) : t('nothingNew');
    else said = action === 'ignore' ? t('ignored')(done.ignored) : t('drafted')(done.file);
  } catch (error) {
    status.textContent = `${t('failed')} ${error.message}`;
    status.classList.add('bad');
    return;
  }
  // The group is gone from the list: focus goes to the inbox heading, and the status says what happened.
  await loadInbox(said);
  status.classList.add('good');
  $('inbox-h').focus();
}

// ---- Test panel ----

function table(headers, rows, numeric = []) {
  return el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...headers.map((h, i) =>
          el('th', { scope: 'col', class: numeric.includes(i) ? 'num' : undefined }, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el('tr', {}, ...r.map((c, i) => el('td', { class: numeric.includes(i) ? 'num' : undefined }, c))),
      ),
    ),
  );
}

async function runTest(event) {
  event.preventDefault();
  const out = $('test-result');
  const text = $('test-q').value.trim();
  if (!text) return;
  try {
    const { reply, explanation } = await api('test', { json: { text } });
    const words = (list) =>
      list.length
        ? list
            .map((w) => (w.as && w.as !== w.word ? `${w.word} → ${w.as} (${w.via})` : w.word || w))
            .join(', ')
        : t('none');
    out.replaceChildren(
      el(
        'p',
        {},
        el(
          'span',
          { class: 'outcome' },
          `${t('outcomeLabel')}: ${t('result')[explanation.outcome] || explanation.outcome}`,
        ),
        ` · ${t('confidence')}: ${reply.confidence.toFixed(2)}`,
        explanation.threshold ? ` · ${t('threshold')}: ${explanation.threshold.toFixed(2)}` : '',
      ),
      el('p', { lang: reply.lang }, el('strong', {}, reply.title || ''), ' ', reply.id),
      explanation.reason
        ? el('p', { class: 'meta', lang: 'en' }, `${t('why')}: ${explanation.reason}`)
        : null,
      table(
        [t('candidate'), t('score'), t('matched'), t('unexplained')],
        explanation.candidates.map((c) => [
          `${entryTitle(c.id)} (${c.id})`,
          c.score.toFixed(2),
          words(c.matched),
          words(c.unexplained),
        ]),
        [1],
      ),
    );
  } catch (error) {
    out.replaceChildren(el('p', { class: 'error' }, `${t('failed')} ${error.message}`));
  }
}

// ---- Batch test ----

async function runBatch(event) {
  event.preventDefault();
  const out = $('batch-result');
  const file = $('batch-file').files[0];
  const text = file ? await file.text() : $('batch-text').value;
  if (!text.trim()) {
    out.replaceChildren(el('p', { class: 'error' }, t('noLines')));
    return;
  }
  try {
    const report = await api('batch', {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: text,
    });
    const percent = Math.round(report.accuracy * 1000) / 10;
    out.replaceChildren(
      el('p', { class: 'outcome' }, t('accuracy')(report.correct, report.total, percent)),
      report.unknownIds.length
        ? el('p', { class: 'error' }, `${t('unknownIds')} ${report.unknownIds.join(', ')}`)
        : null,
      report.misses.length
        ? el(
            'div',
            {},
            el('h3', {}, t('misses')),
            table(
              [t('line'), t('question'), t('expected'), t('got'), t('confidence')],
              report.misses.map((m) => [
                String(m.line),
                m.q,
                m.expect.join(', '),
                `${m.got} (${m.kind})`,
                m.confidence.toFixed(2),
              ]),
              [0, 4],
            ),
          )
        : el('p', {}, t('allRight')),
      report.problems.length
        ? el(
            'div',
            {},
            el('h3', {}, t('problems')),
            table(
              [t('line'), ''],
              report.problems.map((p) => [String(p.line), p.message]),
              [0],
            ),
          )
        : null,
    );
  } catch (error) {
    out.replaceChildren(el('p', { class: 'error' }, `${t('failed')} ${error.message}`));
  }
}

// ---- Dashboard: plain SVG bar charts, each with its numbers in a table beside it ----

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** Stacked bars per week: one series per key, the total above each bar. */
function barChart(title, weeks, series) {
  const width = 720;
  const height = 240;
  const pad = { left: 36, right: 8, top: 18, bottom: 40 };
  const max = Math.max(1, ...weeks.map((w) => series.reduce((sum, s) => sum + w[s], 0)));
  const step = (width - pad.left - pad.right) / weeks.length;
  const scale = (v) => (v / max) * (height - pad.top - pad.bottom);
  const chart = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': title,
  });
  chart.append(svg('title', {}, title));
  chart.append(
    svg('line', {
      x1: pad.left,
      x2: width - pad.right,
      y1: height - pad.bottom,
      y2: height - pad.bottom,
      stroke: '#767676',
    }),
  );
  chart.append(svg('text', { x: pad.left - 6, y: pad.top + 4, 'text-anchor': 'end' }, String(max)));
  chart.append(svg('text', { x: pad.left - 6, y: height - pad.bottom, 'text-anchor': 'end' }, '0'));
  weeks.forEach((w, i) => {
    const x = pad.left + i * step + step * 0.15;
    let y = height - pad.bottom;
    for (const s of series) {
      const h = scale(w[s]);
      if (h > 0) chart.append(svg('rect', { x, y: y - h, width: step * 0.7, height: h, class: `s-${s}` }));
      y -= h;
    }
    const total = series.reduce((sum, s) => sum + w[s], 0);
    if (total > 0)
      chart.append(svg('text', { x: x + step * 0.35, y: y - 4, 'text-anchor': 'middle' }, String(total)));
    chart.append(
      svg(
        'text',
        { x: x + step * 0.35, y: height - pad.bottom + 16, 'text-anchor': 'middle' },
        w.week.slice(5),
      ),
    );
  });
  const legend = el(
    'ul',
    { class: 'legend' },
    ...series.map((s) => el('li', {}, el('span', { class: `swatch s-${s}`, 'aria-hidden': 'true' }), t(s))),
  );
  return el(
    'figure',
    {},
    el('figcaption', {}, el('h3', {}, title)),
    legend,
    chart,
    table(
      [t('week'), ...series.map((s) => t(s))],
      weeks.map((w) => [w.week, ...series.map((s) => String(w[s]))]),
      series.map((_, i) => i + 1),
    ),
  );
}

async function loadStats() {
  const stats = await api('stats?weeks=12');
  const langRows = stats.langs.map((l) => [TEXTS[lang].lang[l.lang] || l.lang, String(l.questions)]);
  $('charts').replaceChildren(
    barChart(t('perWeek'), stats.weeks, ['answered', 'clarified', 'refused']),
    barChart(t('votesPerWeek'), stats.weeks, ['up', 'down']),
    el('h3', {}, t('perEntry')),
    table(
      [t('entry'), t('answered'), t('clarified'), t('up'), t('down')],
      stats.entries.map((e) => [
        `${entryTitle(e.id)} (${e.id})`,
        String(e.answered),
        String(e.clarified),
        String(e.up),
        String(e.down),
      ]),
      [1, 2, 3, 4],
    ),
    el('h3', {}, t('perLang')),
    table([t('perLang'), t('questions')], langRows, [1]),
    el('h3', {}, t('perChannel')),
    table(
      [t('perChannel'), t('questions')],
      stats.channels.map((c) => [c.channel, String(c.questions)]),
      [1],
    ),
  );
}

async function start() {
  applyTexts();
  $('lang').addEventListener('click', () => {
    lang = lang === 'sv' ? 'en' : 'sv';
    localStorage.setItem('sofo-admin-lang', lang);
    applyTexts();
    if (!$('app').hidden) Promise.all([loadInbox(), loadStats()]).catch(() => undefined);
  });
  $('test-form').addEventListener('submit', runTest);
  $('batch-form').addEventListener('submit', runBatch);
  let status;
  try {
    status = await api('status');
  } catch {
    return;
  }
  $('local').hidden = status.tokenConfigured;
  $('problems').hidden = status.problems.length === 0;
  $('problem-list').replaceChildren(...status.problems.map((p) => el('li', {}, p)));
  $('logout').hidden = !status.tokenConfigured;
  $('app').hidden = false;
  entries = await api('entries');
  await Promise.all([loadInbox(), loadStats()]);
}

start();
