import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../src/core/knowledge/load';
import { formatProblem, KnowledgeError } from '../src/core/knowledge/problems';

const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');

/** A scratch copy of the fixture knowledge base that a test may break. */
function scratch(): {
  dir: string;
  paths: Parameters<typeof loadKnowledge>[0];
  edit: (file: string, change: (text: string) => string) => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'sofo-kb-'));
  cpSync(join(FIXTURES, 'knowledge'), join(dir, 'knowledge'), { recursive: true });
  cpSync(join(FIXTURES, 'intents'), join(dir, 'intents'), { recursive: true });
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

  const CASE = 'knowledge/cases/solby-coffee.md';

  it('reports YAML that cannot be read, with its line', () => {
    kb.edit(CASE, (t) => t.replace('type: case', 'type: [case'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(/^knowledge\/cases\/solby-coffee\.md:\d+: the YAML cannot be read: [^\n]+$/),
    ]);
  });

  it('reports a missing language of the answer', () => {
    kb.edit(CASE, (t) => t.slice(0, t.indexOf('## en')));
    expect(problemsOf(kb.paths)).toEqual([
      `${CASE}: the English answer is missing: add a "## en" heading followed by the text`,
    ]);
  });

  it('reports a missing language of the title, at its line', () => {
    kb.edit(CASE, (t) => t.replace(/\n {2}en: Solby municipality's meeting coffee[^\n]*/, ''));
    expect(problemsOf(kb.paths)).toEqual([`${CASE}:4: title.en: is missing`]);
  });

  it('reports a duplicate id, naming both files', () => {
    kb.edit('knowledge/cases/norrvik-cleaning.md', (t) =>
      t.replace('id: case-norrvik-cleaning', 'id: case-solby-coffee'),
    );
    expect(problemsOf(kb.paths)).toContainEqual(
      `${CASE}: id: "case-solby-coffee" is already the id of knowledge/cases/norrvik-cleaning.md`,
    );
  });

  it('reports an unknown contact id and suggests the nearest', () => {
    kb.edit(CASE, (t) =>
      t.replace('contacts: [asa-odegard, greta-lindqvist]', 'contacts: [asa-odegard, greta-lindqvis]'),
    );
    expect(problemsOf(kb.paths)).toEqual([
      `${CASE}: contacts[1]: no contact with id "greta-lindqvis" (did you mean greta-lindqvist?)`,
    ]);
  });

  it('reports a malformed e-mail address in contacts.yaml, at its line', () => {
    kb.edit('knowledge/contacts.yaml', (t) => t.replace('asa@samverket.example', 'asa(at)samverket.example'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(/^knowledge\/contacts\.yaml:\d+: \[0\]\.email: must be an e-mail address/),
    ]);
  });

  it('reports a malformed link address', () => {
    kb.edit(CASE, (t) => t.replace('url: https://www.solby.example', 'url: www.solby.example'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(
        /^knowledge\/cases\/solby-coffee\.md:\d+: links\[0\]\.url: must be a full web address/,
      ),
    ]);
  });

  it('reports a misspelt field instead of ignoring it', () => {
    kb.edit(CASE, (t) => t.replace('keywords:', 'keyword:'));
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(/solby-coffee\.md:\d+: keyword: unknown field "keyword"/),
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
      const entry = lines.findIndex((l) => l.includes('entry: case-solby-coffee'));
      lines[entry] = '  entry: case-solby-cofee';
      return lines.join('\n');
    });
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(
        /^knowledge\/tips\.yaml:\d+: \[\d+\]\.entry: no entry with id "case-solby-cofee" \(did you mean case-solby-coffee\?\)$/,
      ),
    ]);
    kb.edit(
      'knowledge/tips.yaml',
      () => '- id: tip-one\n  entry: concept-work-integration\n  text:\n    sv: "Hej"\n',
    );
    expect(problemsOf(kb.paths)).toEqual(['knowledge/tips.yaml:3: [0].text.en: is missing']);
    kb.edit(
      'knowledge/tips.yaml',
      () =>
        `- id: tip-one\n  entry: concept-work-integration\n  text:\n    sv: "${'å'.repeat(300)}"\n    en: "Hi"\n`,
    );
    expect(problemsOf(kb.paths)).toEqual([
      expect.stringMatching(/tips\.yaml:4: \[0\]\.text\.sv: is too long/),
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    kb.edit(CASE, (t) => t.replace('type: case', 'type: kase'));
    kb.edit('knowledge/cases/norrvik-cleaning.md', (t) =>
      t.replace('contacts: [olof-nystrom]', 'contacts: [nobody]'),
    );
    expect(problemsOf(kb.paths)).toEqual([
      `${CASE}:3: type: must be one of: guide, case, resource, concept, about`,
      'knowledge/cases/norrvik-cleaning.md: contacts[0]: no contact with id "nobody"',
    ]);
  });
});
