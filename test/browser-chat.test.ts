import type { Page } from 'playwright-core';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { type Browser, describeInBrowser, lowContrast, openBrowser, unlabelled } from './helpers/browser';
import { fixtureEngine, testConfig } from './helpers/engine';

let sofo: Running;
let store: MemoryStore;
let browser: Browser;

const engine = fixtureEngine();
const [first] = engine.kb.entries;
const SV_QUESTION = first?.questions.sv[0] ?? '';
const EN_QUESTION = first?.questions.en[0] ?? '';
/** A question the fixture knowledge answers with a clarify, found rather than assumed. */
const CLARIFY = engine.kb.entries
  .flatMap((e) => [...e.keywords.sv, ...e.title.sv.split(' ')])
  .find((word) => engine.ask(word).kind === 'clarify');
const FALLBACK = 'hur många ben har en spindel?';

async function open(size?: { width: number; height: number }): Promise<Page> {
  const page = await browser.page(size);
  await page.goto(`${sofo.url}/`);
  return page;
}

async function ask(page: Page, text: string) {
  const before = await page.locator('.msg.bot').count();
  await page.getByLabel('Din fråga / your question').fill(text);
  await page.keyboard.press('Enter');
  await page.locator('.msg.bot').nth(before).waitFor();
  return page.locator('.msg.bot').nth(before);
}

describeInBrowser('the web chat in Chromium', () => {
  beforeAll(async () => {
    store = new MemoryStore();
    sofo = await startServer(testConfig({ PORT: '0' }), { store, log: () => undefined, host: '127.0.0.1' });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sofo?.stop();
  });

  it('answers a typed question, takes a 👍 with the keyboard, thanks once stored, and keeps focus on the row', async () => {
    const page = await open();
    const reply = await ask(page, SV_QUESTION);
    expect(await reply.locator('h2').textContent()).toBe(first?.title.sv);
    const up = reply.getByRole('button', { name: 'Bra svar', exact: true });
    await up.focus();
    await page.keyboard.press('Enter');
    await reply.getByText('Tack för din återkoppling!').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('feedback');
    const votes = await store.listFeedback();
    expect(votes.at(-1)).toMatchObject({ entryId: first?.id, vote: 'up' });
  });

  it('labels the vote buttons in the language of the answer', async () => {
    const page = await open();
    const reply = await ask(page, EN_QUESTION);
    expect(await reply.getAttribute('lang')).toBe('en');
    expect(await reply.getByRole('button', { name: 'Helpful', exact: true }).count()).toBe(1);
    expect(await reply.getByRole('button', { name: 'Not helpful' }).count()).toBe(1);
  });

  it('offers clarify choices that open the chosen answer once, and a vote there is about the question asked', async () => {
    expect(CLARIFY).toBeDefined();
    const page = await open();
    const reply = await ask(page, CLARIFY ?? '');
    const choice = reply.locator('.choices button').first();
    await choice.click();
    await page.locator('.msg.bot').nth(1).waitFor();
    expect(await choice.isDisabled()).toBe(true);
    await page.locator('.msg.bot').nth(1).getByRole('button', { name: 'Inte bra svar' }).click();
    await page.getByText('Tack för din återkoppling!').waitFor();
    expect((await store.listFeedback()).at(-1)).toMatchObject({ vote: 'down' });
    expect((await store.listFeedback()).at(-1)?.question).toContain(CLARIFY);
  });

  it('on a phone, the vote row of a long answer ends above the input bar', async () => {
    const page = await open({ width: 390, height: 844 });
    const longest = [...engine.kb.entries].sort((a, b) => b.text.sv.length - a.text.sv.length)[0];
    // Enough conversation that the page scrolls, as it does after a few questions.
    for (const entry of engine.kb.entries.slice(0, 3)) await ask(page, entry.questions.sv[0] ?? '');
    await ask(page, longest?.questions.sv[0] ?? '');
    await page.waitForTimeout(600); // the smooth scroll
    const vote = await page.locator('.feedback').last().boundingBox();
    const bar = await page.locator('form#ask').boundingBox();
    expect(vote && bar && vote.y + vote.height <= bar.y).toBe(true);
  });

  it('after a fallback shows topics under their own label, with no link named like a topic button', async () => {
    const page = await open();
    const reply = await ask(page, FALLBACK);
    const buttons = await reply.locator('.choices button').allTextContents();
    const links = await reply.locator('.links a').allTextContents();
    expect(links.filter((l) => buttons.includes(l))).toEqual([]);
    if (buttons.length > 0)
      expect(await reply.textContent()).toContain('Närliggande ämnen jag kan svara på:');
  });

  it('keeps the question when the server does not answer, and does not thank for a vote it did not get', async () => {
    const page = await open();
    const reply = await ask(page, SV_QUESTION);
    await page.route('**/api/**', (route) => route.abort());
    await reply.getByRole('button', { name: 'Bra svar', exact: true }).click();
    await reply.getByText('Din röst kunde inte sparas. Försök igen.').waitFor();
    expect(await reply.getByText('Tack').count()).toBe(0);
    expect(await reply.getByRole('button', { name: 'Bra svar', exact: true }).isEnabled()).toBe(true);
    await page.getByLabel('Din fråga / your question').fill('en fråga som inte får försvinna');
    await page.keyboard.press('Enter');
    await page.getByText(/Något gick fel/).waitFor();
    expect(await page.getByLabel('Din fråga / your question').inputValue()).toBe(
      'en fråga som inte får försvinna',
    );
  });

  it('has a label on every control and 4.5:1 contrast on every text', async () => {
    const page = await open();
    await ask(page, SV_QUESTION);
    await ask(page, FALLBACK);
    expect(await unlabelled(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
  });
});
