import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../src/core/knowledge/load';
import { formatProblem, KnowledgeError } from '../src/core/knowledge/problems';

const ROOT = join(__dirname, '..');
const KNOWLEDGE_IDS = [
  'guide-overview',
  'guide-training',
  'guide-legal-basis',
  'guide-social-requirements',
  'guide-enterprise-types',
  'guide-procurement-process',
  'guide-procurement-agency',
  'case-goteborg-fruit-baskets',
  'case-nordanstig-employment',
  'case-vgr-gifts',
  'resource-skr-handbook',
  'concept-reserved-contract',
  'concept-wise',
  'about-coompanion',
  'about-site',
];
const CONTACT_IDS = ['mari-odenbjork', 'ann-sagvall', 'ingvar-berg', 'bente-sandstrom', 'hanna-nyroos'];

describe('the real knowledge base', () => {
  const kb = loadKnowledge({
    knowledgeDir: join(ROOT, 'knowledge'),
    intentsDir: join(ROOT, 'intents'),
    root: ROOT,
  });

  it('has exactly the stable ids of the eval contract, and no others by accident', () => {
    expect(kb.entries.map((e) => e.id).sort()).toEqual([...KNOWLEDGE_IDS].sort());
    expect(kb.contacts.map((c) => c.id).sort()).toEqual([...CONTACT_IDS].sort());
  });

  it('has at least 12 tips, each in both languages, each pointing at an entry', () => {
    expect(kb.tips.length).toBeGreaterThanOrEqual(12);
    const ids = new Set(kb.entries.map((e) => e.id));
    for (const tip of kb.tips) {
      expect(ids.has(tip.entryId)).toBe(true);
      expect(tip.text.sv.length).toBeGreaterThan(0);
      expect(tip.text.en.length).toBeGreaterThan(0);
    }
  });

  it('links only to https home pages, never to guessed deep links', () => {
    const urls = [...kb.entries.flatMap((e) => e.links), ...kb.fallback.links].map((l) => new URL(l.url));
    for (const url of urls) {
      expect(url.protocol).toBe('https:');
      expect(url.pathname).toBe('/');
    }
  });
});

/** A scratch copy of the knowledge base that a test may break. */
function scratch(): {
  dir: string;
  paths: Parameters<typeof loadKnowledge>[0];
  edit: (file: string, change: (text: string) => string) => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'sofo-kb-'));
  cpSync(join(ROOT, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
  cpSync(join(ROOT, 'intents'), join(dir, 'intents'), { recursive: true });
  return {
    dir,
    paths: { knowledgeDir: join(dir, 'knowledge'), intentsDir: join(dir, 'intents'), root: dir },
    edit: (file, change) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8'))),
  };
}

function problemsOf(paths: Parameters<typeof loadKnowledge>[0]): string[] {
  try {
    loadKnowledge(paths);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the broken knowledge base loaded without complaint');
}

describe('a broken knowledge base is refused with file, line and what is wrong', () => {
  let kb: ReturnType<typeof scratch>;
  beforeEach(() => {
    kb = scratch();
  });
  afterEach(() => rmSync(kb.dir, { recursive: true, force: true }));

  const CASE = 'knowledge/cases/goteborg-fruit-baskets.md';

  it('reports YAML that cannot be read, with its line', () => {
    kb.edit(CASE, (t) => t.replace('type: case', 'type: [case'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(
        /^knowledge\/cases\/goteborg-fruit-baskets\.md:\d+: the YAML cannot be read: [^\n]+$/,
      ),
    ]);
  });

  it('reports a missing language of the answer', () => {
    kb.edit(CASE, (t) => t.slice(0, t.indexOf('## en')));
    expect(problemsOf(kb.paths)).toEqual([
      `${CASE}: the English answer is missing: add a "## en" heading followed by the text`,
    ]);
  });

  it('reports a missing language of the title, at its line', () => {
    kb.edit(CASE, (t) => t.replace(/\n {2}en: City of Gothenburg's fruit baskets[^\n]*/, ''));
    expect(problemsOf(kb.paths)).toEqual([`${CASE}:4: title.en: is missing`]);
  });

  it('reports a duplicate id, naming both files', () => {
    kb.edit('knowledge/cases/vgr-gifts.md', (t) =>
      t.replace('id: case-vgr-gifts', 'id: case-goteborg-fruit-baskets'),
    );
    expect(problemsOf(kb.paths)).toContainEqual(
      `knowledge/cases/vgr-gifts.md: id: "case-goteborg-fruit-baskets" is already the id of ${CASE}`,
    );
  });

  it('reports an unknown contact id and suggests the nearest', () => {
    kb.edit(CASE, (t) =>
      t.replace('contacts: [mari-odenbjork, ann-sagvall]', 'contacts: [mari-odenbjork, ann-sagval]'),
    );
    expect(problemsOf(kb.paths)).toEqual([
      `${CASE}: contacts[1]: no contact with id "ann-sagval" (did you mean ann-sagvall?)`,
    ]);
  });

  it('reports a malformed e-mail address in contacts.yaml, at its line', () => {
    kb.edit('knowledge/contacts.yaml', (t) => t.replace('mari@socialtrade.se', 'mari(at)socialtrade.se'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(/^knowledge\/contacts\.yaml:\d+: \[0\]\.email: must be an e-mail address/),
    ]);
  });

  it('reports a malformed link address', () => {
    kb.edit(CASE, (t) => t.replace('url: https://socialtrade.se', 'url: socialtrade.se'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(
        /^knowledge\/cases\/goteborg-fruit-baskets\.md:\d+: links\[1\]\.url: must be a full web address/,
      ),
    ]);
  });

  it('reports a misspelt field instead of ignoring it', () => {
    kb.edit(CASE, (t) => t.replace('keywords:', 'keyword:'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(/goteborg-fruit-baskets\.md:\d+: keyword: unknown field "keyword"/),
    ]);
  });

  it('reports a file without front matter', () => {
    writeFileSync(join(kb.dir, 'knowledge/guide/new.md'), '## sv\nHej\n## en\nHi\n');
    expect(problemsOf(kb.paths)).toEqual([
      'knowledge/guide/new.md:1: has no front matter: the file must start with a block between two "---" lines',
    ]);
  });

  it('reports a missing intent file', () => {
    rmSync(join(kb.dir, 'intents/help.yaml'));
    expect(problemsOf(kb.paths)).toEqual(['intents/help.yaml: the file is missing']);
  });

  it('reports a tip pointing at an unknown entry, a tip without English, and an over-long tip', () => {
    kb.edit('knowledge/tips.yaml', (t) => {
      const lines = t.split('\n');
      const entry = lines.findIndex((l) => l.includes('entry: case-goteborg-fruit-baskets'));
      lines[entry] = '  entry: case-goteborg-fruit-basket';
      return lines.join('\n');
    });
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(
        /^knowledge\/tips\.yaml:\d+: \[\d+\]\.entry: no entry with id "case-goteborg-fruit-basket" \(did you mean case-goteborg-fruit-baskets\?\)$/,
      ),
    ]);
    kb.edit('knowledge/tips.yaml', () => '- id: tip-one\n  entry: concept-wise\n  text:\n    sv: "Hej"\n');
    expect(problemsOf(kb.paths)).toEqual(['knowledge/tips.yaml:3: [0].text.en: is missing']);
    kb.edit(
      'knowledge/tips.yaml',
      () => `- id: tip-one\n  entry: concept-wise\n  text:\n    sv: "${'å'.repeat(300)}"\n    en: "Hi"\n`,
    );
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(/tips\.yaml:4: \[0\]\.text\.sv: is too long/),
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    kb.edit(CASE, (t) => t.replace('type: case', 'type: kase'));
    kb.edit('knowledge/cases/vgr-gifts.md', (t) =>
      t.replace('contacts: [hanna-nyroos]', 'contacts: [nobody]'),
    );
    expect(problemsOf(kb.paths)).toEqual([
      `${CASE}:3: type: must be one of: guide, case, resource, concept, about`,
      'knowledge/cases/vgr-gifts.md: contacts[0]: no contact with id "nobody"',
    ]);
  });
});
