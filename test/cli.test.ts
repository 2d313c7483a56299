import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_ENV, fixtureEngine } from './helpers/engine';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'sofo.js');
const FIXTURE = join(ROOT, 'test', 'fixtures');

/** Runs the built `sofo` exactly as a user (or acceptance tooling) would. */
function sofo(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    env: { ...process.env, ...FIXTURE_ENV, ...options.env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sofo ask', () => {
  it('prints one human-readable reply', () => {
    const { status, stdout } = sofo(['ask', 'Vad är en reserverad upphandling?']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/reserverad upphandling/i);
    expect(stdout).not.toMatch(/^\s*\{/);
  });

  it('--json prints one JSON object with the contract fields', () => {
    const { status, stdout } = sofo(['ask', '--json', 'Vad är en reserverad upphandling?']);
    expect(status).toBe(0);
    const reply = JSON.parse(stdout);
    expect(reply).toMatchObject({ kind: 'answer', id: 'concept-reserved-tender', lang: 'sv' });
    for (const field of ['confidence', 'title', 'text', 'contacts', 'links', 'alternatives']) {
      expect(reply).toHaveProperty(field);
    }
  });

  it('--jsonl answers every input line, empty ones too, in order, and prints nothing else', () => {
    const input = 'hej\n\nvad är en reserverad upphandling?\r\nWho runs this site?\n   \n🙂\n';
    const { status, stdout } = sofo(['ask', '--jsonl'], { input });
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const replies = lines.map((line) => JSON.parse(line));
    expect(replies.map((r) => r.id)).toEqual([
      'greeting',
      'help',
      'concept-reserved-tender',
      'about-service',
      'help',
      'help',
    ]);
    expect(replies[3].lang).toBe('en');
  });

  it('contact lookups use contact:<id>', () => {
    const reply = JSON.parse(sofo(['ask', '--json', 'mejladress till Maja Holm']).stdout);
    expect(reply).toMatchObject({ kind: 'contacts', id: 'contact:maja-holm' });
    expect(reply.contacts[0]).toEqual({
      id: 'maja-holm',
      name: 'Maja Holm',
      role: expect.any(String),
      organisation: 'Ekby kommun',
      email: 'maja.holm@ekby.example',
      phone: null,
    });
  });

  it('rejects an unknown --lang with a usage message on stderr', () => {
    const { status, stdout, stderr } = sofo(['ask', '--lang', 'de', 'hej']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--lang must be sv or en/);
  });
});

describe('sofo contacts', () => {
  it('looks people up by place', () => {
    const { status, stdout } = sofo(['contacts', '--json', 'ekby']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).contacts.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['maja-holm', 'karin-dahl']),
    );
  });
});

describe('sofo kb', () => {
  it('check passes on a valid knowledge base and counts what it found', () => {
    const { status, stdout } = sofo(['kb', 'check']);
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^OK: ${fixtureEngine().kb.entries.length} poster`, 'm'));
  });

  it('check fails on a broken one with file and line, and so does serve (no half-loaded start)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sofo-cli-'));
    try {
      cpSync(join(FIXTURE, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
      writeFileSync(
        join(dir, 'knowledge', 'guide', 'broken.md'),
        '---\nid: broken\ntype: guide\ntitle: [oops\n---\n',
      );
      const env = { SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'), PORT: '0' };
      for (const [args, said] of [
        [
          ['kb', 'check'],
          /broken\.md, rad 4: FEL: YAML-texten går inte att läsa: en lista som börjar med \[/,
        ],
        [['serve'], /broken\.md:4: the YAML cannot be read: a list started with \[/],
      ] as const) {
        const { status, stdout, stderr } = sofo([...args], { env });
        expect(status).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toMatch(said);
        expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('export --json gives one object per entry and language', () => {
    const rows = JSON.parse(sofo(['kb', 'export', '--json']).stdout);
    expect(rows).toHaveLength(fixtureEngine().kb.entries.length * 2);
    expect(rows[0]).toEqual({
      id: expect.any(String),
      type: expect.any(String),
      title: expect.any(String),
      questions: expect.any(Array),
      text: expect.any(String),
      lang: 'sv',
    });
  });
});

describe('sofo serve', () => {
  it('refuses to start with an incomplete Slack configuration, naming what is missing', () => {
    const { status, stderr } = sofo(['serve'], {
      env: { PORT: '0', SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: '' },
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/SLACK_BOT_TOKEN: is missing/);
  });

  it('refuses a data file it cannot read, and leaves it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sofo-data-'));
    try {
      const file = join(dir, 'sofo.json');
      writeFileSync(file, 'not json');
      const { status, stderr } = sofo(['serve'], { env: { PORT: '0', SOFO_DATA: file } });
      expect(status).toBe(1);
      expect(stderr).toMatch(/sofo\.json: cannot be read as JSON/);
      expect(readFileSync(file, 'utf8')).toBe('not json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('usage', () => {
  it('an unknown command exits 2 with the usage on stderr', () => {
    const { status, stderr } = sofo(['frobnicate']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/sofo ask/);
  });
});

describe('sofo tips', () => {
  it('lists one line per tip and previews a tip in either language', () => {
    const list = sofo(['tips', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(fixtureEngine().kb.tips.length);
    const preview = sofo(['tips', 'preview', '--lang', 'en']);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toMatch(/Tip of the week/);
  });
});
