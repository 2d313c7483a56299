import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { GUIDE_URL } from '../src/core/reply/phrases';
import { fixtureEngine } from './helpers/engine';

/**
 * The web chat page, driven as a user would (type, submit, click), with its fetch answered by the real
 * engine: what the page shows is what the API's reply model says.
 */
const engine = fixtureEngine();
const PUBLIC = join(__dirname, '..', 'src', 'channels', 'web', 'public');
const PAGE = readFileSync(join(PUBLIC, 'index.html'), 'utf8');

/**
 * The page loads its script from /chat.js (the Content-Security-Policy allows no inline script). Here
 * it is put where `defer` runs it, after the body, so that jsdom needs no server.
 */
const SCRIPT_TAG = '<script src="/chat.js" defer></script>';
if (!PAGE.includes(SCRIPT_TAG)) throw new Error(`index.html no longer has ${SCRIPT_TAG}`);
const PAGE_WITH_SCRIPT = PAGE.replace(SCRIPT_TAG, '').replace(
  '</body>',
  () => `<script>${readFileSync(join(PUBLIC, 'chat.js'), 'utf8')}</script></body>`,
);

function openPage(options: { status?: number } = {}) {
  const requests: { url: string; body: unknown }[] = [];
  const dom = new JSDOM(PAGE_WITH_SCRIPT, {
    url: 'http://localhost/',
    runScripts: 'dangerously',
    beforeParse(window) {
      const respond = (body: unknown) => ({ ok: true, json: async () => body });
      Object.assign(window, {
        fetch: async (url: string, init?: { body?: string }) => {
          const body = init?.body ? JSON.parse(init.body) : undefined;
          requests.push({ url, body });
          if (options.status) return { ok: false, status: options.status, json: async () => ({}) };
          if (url === '/api/ask') return respond(engine.ask(body.text));
          const answer = /^\/api\/answer\/([^?]+)\?lang=(sv|en)$/.exec(url);
          if (answer)
            return respond(engine.answer(decodeURIComponent(answer[1] ?? ''), answer[2] as 'sv' | 'en'));
          return { ok: true, json: async () => ({}) };
        },
      });
      window.HTMLElement.prototype.scrollIntoView = () => undefined;
    },
  });
  const { document } = dom.window;
  const ask = async (text: string) => {
    (document.getElementById('q') as HTMLInputElement).value = text;
    document.getElementById('ask')?.dispatchEvent(new dom.window.Event('submit', { cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  return { document, requests, ask };
}

describe('the web chat page', () => {
  it('shows the answer to a typed question with its title, contacts and links', async () => {
    const { document, ask } = openPage();
    await ask('Vem kan jag kontakta om kaffet i Solby?');
    const bot = document.querySelector('.msg.bot');
    expect(bot?.querySelector('h2')?.textContent).toMatch(/kaffe/);
    expect(bot?.querySelector('a[href="mailto:greta.lindqvist@solby.example"]')).not.toBeNull();
    expect(bot?.querySelector('a[href="tel:+4612345678"]')).not.toBeNull();
    expect(bot?.querySelector(`.source a[href="${GUIDE_URL}"]`)?.textContent).toMatch(/^Källa: guiden/);
    expect(bot?.textContent).not.toMatch(/Något gick fel/);
  });

  it('renders **bold** and *italic* as elements, and user text never as HTML', async () => {
    const { document, ask } = openPage();
    // The fixture's ASF answer has both **bold** and *italic*.
    await ask('<img src=x onerror=alert(1)> vad är ASF?');
    expect(document.querySelector('.msg.me')?.innerHTML).not.toContain('<img');
    expect(document.querySelector('.msg.bot strong')).not.toBeNull();
    expect(document.querySelector('.msg.bot em')).not.toBeNull();
  });

  it('offers clarify choices as buttons that open the chosen entry', async () => {
    const { document, ask } = openPage();
    await ask('Samverket');
    const choice = document.querySelector('.choices button') as HTMLButtonElement;
    expect(choice).not.toBeNull();
    choice.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.querySelectorAll('.msg.bot h2')).toHaveLength(2);
  });

  it('sends a 👍 with the entry and the question, and thanks the user', async () => {
    const { document, requests, ask } = openPage();
    await ask('Vad är en reserverad upphandling?');
    (document.querySelector('.feedback button') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests.at(-1)).toMatchObject({
      url: '/api/feedback',
      body: { id: 'concept-reserved-tender', q: 'Vad är en reserverad upphandling?', vote: 'up' },
    });
    expect(document.querySelector('.feedback')?.textContent).toMatch(/Tack/);
  });

  it('asks the user to wait when the server answers 429 (the rate limit)', async () => {
    const { document, ask } = openPage({ status: 429 });
    await ask('Vad är ett reserverat kontrakt?');
    expect(document.querySelector('.msg.bot')?.textContent).toMatch(/vänta en stund/);
  });
});
