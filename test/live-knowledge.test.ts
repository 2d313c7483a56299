import { appendFileSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineFor, knowledgePaths } from '../src/entry/load-engine';
import { type Running, startServer } from '../src/entry/serve';
import { LiveKnowledge } from '../src/live/live-knowledge';
import { MemoryStore } from '../src/storage/memory-store';
import { testConfig } from './helpers/engine';
import { knowledgeCopy } from './helpers/knowledge-copy';

const QUESTION = 'Vem bakar bullarna till fikat?';
const ENTRY = 'knowledge/cases/solby-coffee.md';

/** Adds a question line to the fixture's coffee case, as an editor would. */
const withPhrasing = (text: string, question: string) =>
  text.replace(
    '    - kaffe solby reserverad upphandling\n',
    `    - kaffe solby reserverad upphandling\n    - ${question}\n`,
  );

describe('the live knowledge holder', () => {
  let dir: string;
  let live: LiveKnowledge;
  let logged: string[];
  const file = (name: string) => join(dir, name);
  const edit = (name: string, change: (t: string) => string) =>
    writeFileSync(file(name), change(readFileSync(file(name), 'utf8')));

  beforeEach(() => {
    dir = knowledgeCopy();
    logged = [];
    const config = testConfig({
      SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
      SOFO_INTENTS_DIR: join(dir, 'intents'),
    });
    live = new LiveKnowledge({
      paths: { ...knowledgePaths(config), root: dir },
      build: engineFor,
      log: (l) => logged.push(l),
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('swaps in a valid change as a whole new engine, with a new version, and logs one line', () => {
    const before = live.engine;
    const version = live.version;
    expect(before.ask(QUESTION).kind).not.toBe('answer');
    edit(ENTRY, (t) => withPhrasing(t, QUESTION));
    expect(live.reload()).toMatchObject({ ok: true, changed: true });
    expect(live.engine).not.toBe(before);
    expect(live.engine.ask(QUESTION)).toMatchObject({ kind: 'answer', id: 'case-solby-coffee' });
    expect(before.ask(QUESTION).kind).not.toBe('answer'); // the old engine is untouched, not half-changed
    expect(live.version.hash).not.toBe(version.hash);
    expect(logged).toEqual([
      `knowledge: version ${live.version.hash} live (${live.version.entries} entries)`,
    ]);
  });

  it('does nothing when the files did not change', () => {
    const before = live.engine;
    expect(live.reload()).toMatchObject({ ok: true, changed: false });
    expect(live.engine).toBe(before);
    expect(logged).toEqual([]);
  });

  it('keeps the last good knowledge serving on an invalid change, logs each problem once, and exposes them', () => {
    const good = live.engine;
    const version = live.version;
    edit(ENTRY, (t) =>
      t.replace('type: case', 'type: [case').replace('contacts: [asa-odegard', 'contacts: [nobody'),
    );
    const outcome = live.reload();
    expect(outcome).toMatchObject({ ok: false, serving: version });
    expect(live.engine).toBe(good);
    expect(live.version).toBe(version);
    expect(live.problems.length).toBeGreaterThan(0);
    expect(live.problems[0]).toMatchObject({ file: ENTRY });
    expect(logged).toHaveLength(live.problems.length);
    for (const line of logged)
      expect(line).toMatch(
        new RegExp(`^knowledge: change not loaded, still serving ${version.hash}: ${ENTRY}`),
      );

    live.reload(); // the same broken content again: nothing new to say
    expect(logged).toHaveLength(live.problems.length);

    edit(ENTRY, (t) =>
      t.replace('type: [case', 'type: case').replace('contacts: [nobody', 'contacts: [asa-odegard'),
    );
    expect(live.reload()).toMatchObject({ ok: true });
    expect(live.problems).toEqual([]);
  });

  it('refuses a deleted file that others need, and a deleted folder', () => {
    const good = live.engine;
    unlinkSync(file('knowledge/contacts.yaml'));
    expect(live.reload().ok).toBe(false);
    expect(live.engine).toBe(good);
    expect(live.problems).toContainEqual({ file: 'knowledge/contacts.yaml', message: 'the file is missing' });

    rmSync(dir, { recursive: true, force: true });
    expect(live.reload().ok).toBe(false); // the whole folder gone: still serving
    expect(live.engine).toBe(good);
    expect(live.engine.ask('Vad är en reserverad upphandling?').kind).toBe('answer');
  });

  it('refuses a half-saved file and takes it once it is complete', () => {
    const whole = withPhrasing(readFileSync(file(ENTRY), 'utf8'), QUESTION);
    writeFileSync(file(ENTRY), whole.slice(0, whole.indexOf('keywords:') + 14));
    expect(live.reload().ok).toBe(false);
    writeFileSync(file(ENTRY), whole);
    expect(live.reload().ok).toBe(true);
    expect(live.engine.ask(QUESTION).id).toBe('case-solby-coffee');
  });

  it('refuses to start without a good knowledge base (there is no last good one to serve)', () => {
    edit(ENTRY, (t) => t.replace('type: case', 'type: [case'));
    expect(
      () =>
        new LiveKnowledge({
          paths: { knowledgeDir: file('knowledge'), intentsDir: file('intents'), root: dir },
        }),
    ).toThrow(/solby-coffee\.md:\d+/);
  });
});

/** Polls until `check` holds, at most `ms`: the watcher works asynchronously; the bound keeps a failure short. */
async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<boolean> {
  for (let waited = 0; waited <= ms; waited += 50) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('sofo serve with a real watcher on a copy of the knowledge', () => {
  let dir: string;
  let sofo: Running;
  const logged: string[] = [];
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = knowledgeCopy();
    const config = testConfig({
      PORT: '0',
      SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
      SOFO_INTENTS_DIR: join(dir, 'intents'),
    });
    sofo = await startServer(config, {
      store: new MemoryStore(),
      log: (l) => logged.push(l),
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await sofo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (text: string) =>
    (await (
      await fetch(`${sofo.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      })
    ).json()) as { kind: string; id: string };
  const health = async () =>
    (await (await fetch(`${sofo.url}/healthz`)).json()) as {
      knowledge: { version: string; loadedAt: string; problems: number };
    };

  it('serves a saved change without a restart, and /healthz names the new version', async () => {
    const { knowledge: before } = await health();
    expect(before.version).toBe(sofo.knowledge.version.hash);
    expect((await ask(QUESTION)).kind).not.toBe('answer');

    writeFileSync(file(ENTRY), withPhrasing(readFileSync(file(ENTRY), 'utf8'), QUESTION));
    expect(await eventually(async () => (await ask(QUESTION)).id === 'case-solby-coffee')).toBe(true);
    const { knowledge: after } = await health();
    expect(after.version).not.toBe(before.version);
    expect(after.problems).toBe(0);
  });

  it('keeps answering from the last good version while a file is broken, and reports it', async () => {
    const { knowledge: good } = await health();
    appendFileSync(file('knowledge/contacts.yaml'), '\n\t- id: broken\n');
    expect(await eventually(async () => (await health()).knowledge.problems > 0)).toBe(true);
    expect((await health()).knowledge.version).toBe(good.version);
    expect((await ask(QUESTION)).id).toBe('case-solby-coffee');
    expect(
      logged.some((l) => l.startsWith(`knowledge: change not loaded, still serving ${good.version}`)),
    ).toBe(true);
    expect(sofo.knowledge.problems[0]).toMatchObject({ file: expect.stringMatching(/contacts\.yaml$/) });

    const text = readFileSync(file('knowledge/contacts.yaml'), 'utf8');
    writeFileSync(file('knowledge/contacts.yaml'), text.slice(0, text.indexOf('\n\t- id: broken')));
    expect(await eventually(async () => (await health()).knowledge.problems === 0)).toBe(true);
  });

  it('survives a file saved by rename (as many editors do) and a file deleted', async () => {
    const guide = file('knowledge/guide/requirements.md');
    const temp = `${guide}.tmp`;
    writeFileSync(
      temp,
      readFileSync(guide, 'utf8').replace('Sociala krav i en upphandling', 'Sociala krav i upphandlingen'),
    );
    renameSync(temp, guide);
    expect(
      await eventually(
        async () =>
          sofo.knowledge.engine.answer('guide-requirements', 'sv')?.title === 'Sociala krav i upphandlingen',
      ),
    ).toBe(true);

    unlinkSync(guide); // nothing refers to it: a valid change, the entry is gone
    expect(
      await eventually(async () => sofo.knowledge.engine.answer('guide-requirements', 'sv') === undefined),
    ).toBe(true);
    expect((await fetch(`${sofo.url}/healthz`)).status).toBe(200);
  });
});
