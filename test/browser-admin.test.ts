import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readConfig } from '../src/config/config';
import { type Running, startServer } from '../src/entry/serve';
import { MemoryStore } from '../src/storage/memory-store';
import { type Browser, describeInBrowser, lowContrast, openBrowser, unlabelled } from './helpers/browser';
import { knowledgeCopy } from './helpers/knowledge-copy';

const TOKEN = 'browser-admin-token-0123456789';
const FAILED = 'vilken färg har himlen över sociala företag?';

let dir: string;
let sofo: Running;
let browser: Browser;
let page: Page;

const ask = async (text: string) =>
  (
    await fetch(`${sofo.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    })
  ).json();

describeInBrowser('the admin page in Chromium', () => {
  beforeAll(async () => {
    dir = knowledgeCopy();
    const config = readConfig({
      PORT: '0',
      SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
      SOFO_INTENTS_DIR: join(dir, 'intents'),
      SOFO_DRAFTS_DIR: join(dir, 'drafts'),
      SOFO_ADMIN_TOKEN: TOKEN,
    });
    sofo = await startServer(config, { store: new MemoryStore(), log: () => undefined, host: '127.0.0.1' });
    expect((await ask(FAILED)).kind).toBe('fallback');
    await ask('hur många ben har en spindel?');
    browser = await openBrowser();
    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await sofo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the token, refuses a wrong one, and logs in with the right one', async () => {
    await page.goto(`${sofo.url}/admin`);
    await page.getByLabel('Token (SOFO_ADMIN_TOKEN)').fill('wrong-token');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('Fel token, försök igen.').waitFor();
    await page.getByLabel('Token (SOFO_ADMIN_TOKEN)').fill(TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Inkorg/ }).waitFor();
    expect(await page.locator('#login').isHidden()).toBe(true);
  });

  it('shows the failed question and adds it to an entry; the next user gets the answer', async () => {
    const group = page.locator('.group', { hasText: FAILED });
    await group.waitFor();
    const select = group.getByLabel('Lägg till i svaret');
    const options = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const target = options.find((v) => v !== '') ?? '';
    await select.selectOption(target);
    await group.getByRole('button', { name: 'Lägg till som formuleringar' }).click();
    await page.getByRole('status').filter({ hasText: 'Gäller nu' }).waitFor();
    expect(await page.locator('.group', { hasText: FAILED }).count()).toBe(0);
    expect(await ask(FAILED)).toMatchObject({ kind: 'answer', id: target });
  });

  it('tests a question in the test panel: outcome, confidence and candidates', async () => {
    await page.getByLabel('Fråga', { exact: true }).fill(FAILED);
    await page.getByRole('button', { name: 'Testa', exact: true }).click();
    const result = page.locator('#test-result');
    await result.getByText(/Utfall: Svar/).waitFor();
    expect(await result.textContent()).toMatch(/Säkerhet: \d\.\d\d/);
    expect(await result.locator('tbody tr').count()).toBeGreaterThan(0);
  });

  it('runs a batch test and shows accuracy and each miss', async () => {
    await page
      .getByLabel(/En fråga per rad/)
      .fill(`${FAILED}\tfallback\nhur många ben har en spindel?\tfallback\nrad utan tabb`);
    await page.getByRole('button', { name: 'Kör batchtest' }).click();
    const result = page.locator('#batch-result');
    await result.getByText('1 av 2 rätt (50 %)').waitFor();
    expect(await result.locator('table').first().textContent()).toContain(FAILED);
    expect(await result.textContent()).toContain('Rader som inte gick att läsa');
  });

  it('draws the weekly charts from counts, with their numbers as tables', async () => {
    const charts = page.locator('#charts');
    await charts.locator('svg[role="img"]').first().waitFor();
    expect(await charts.locator('svg[role="img"]').count()).toBe(2);
    expect(await charts.locator('svg rect').count()).toBeGreaterThan(0);
    expect(await charts.textContent()).not.toContain('spindel');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Inbox/ }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: /Inkorg/ }).waitFor();
  });

  it('can be used with the keyboard, every control has a label, and every text has 4.5:1 contrast', async () => {
    expect(await unlabelled(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ''),
      );
    }
    for (const id of ['lang', 'test-q', 'batch-text', 'batch-file']) expect(reached).toContain(id);
    const ignore = page.locator('.group').first().getByRole('button', { name: 'Ignorera' });
    await ignore.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'ignoreras' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inbox-h');
  });
});
