import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { knowledgeCopy } from './helpers/knowledge-copy';

/** `sofo kb check` on a copy of the fixture knowledge, with one editing mistake at a time. */
const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'sofo.js');
const CASE = 'knowledge/cases/solby-coffee.md';

let dir: string;
beforeEach(() => {
  dir = knowledgeCopy();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

/** Runs the check; returns exit status and the lines said (on stdout or stderr). */
function check(...args: string[]): { status: number | null; lines: string[]; errors: string[] } {
  const result = spawnSync(process.execPath, [BIN, 'kb', 'check', ...args], {
    env: {
      ...process.env,
      SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
      SOFO_INTENTS_DIR: join(dir, 'intents'),
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
  return { status: result.status, lines, errors: lines.filter((l) => /: (FEL|ERROR): /.test(l)) };
}

/** File names as kb check prints them: relative to the project root. */
const shown = (file: string) => relative(ROOT, join(dir, file));

describe('sofo kb check', () => {
  it('passes the fixture knowledge with warnings only, and says so', () => {
    const { status, lines, errors } = check();
    expect(status).toBe(0);
    expect(errors).toEqual([]);
    expect(lines.some((l) => /: VARNING: questions\.sv: bara \d frågor på svenska/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^OK: 8 poster\/entries, .* \(\d+ varningar\)$/);
  });

  it.each([
    [
      'http://',
      'url: https://www.solby.example',
      'url: http://www.solby.example',
      /använd https:\/\/, t\.ex\. https:\/\/www\.solby\.example/,
    ],
    [
      'a site not on the list',
      'url: https://www.solby.example',
      'url: https://www.google.com/search?q=kaffe',
      /www\.google\.com finns inte bland de tillåtna webbplatserna i knowledge\/links\.yaml/,
    ],
    [
      'a misspelt host',
      'url: https://www.solby.example',
      'url: https://www.solbyy.example',
      /\(menade du www\.solby\.example\?\)/,
    ],
    [
      'a deep link',
      'url: https://www.solby.example',
      'url: https://www.solby.example/kaffe/avtal',
      /länka till startsidan https:\/\/www\.solby\.example, inte till en djupare sida/,
    ],
  ])('refuses a link to %s, at its line and field', (_name, from, to, said) => {
    edit(CASE, (t) => t.replace(from, to));
    const { status, errors } = check();
    expect(status).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(new RegExp(`^${shown(CASE)}, rad 30: FEL: links\\[0\\]\\.url: `)),
    ]);
    expect(errors[0]).toMatch(said);
  });

  it('takes a deep link that links.yaml lists under pages', () => {
    edit(CASE, (t) => t.replace('url: https://www.solby.example', 'url: https://www.solby.example/kaffe'));
    edit('knowledge/links.yaml', (t) => `${t}pages:\n  - https://www.solby.example/kaffe\n`);
    expect(check().errors).toEqual([]);
  });

  it('gives the length of an answer too long for a chat message, and warns of a long one', () => {
    edit(CASE, (t) => t.replace('Avtalet gick till Samverket.', `${'Ett långt svar. '.repeat(112)}`));
    const { status, errors } = check();
    expect(status).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(
        /solby-coffee\.md, rad 34: FEL: ## sv: svaret på svenska är 1 9\d\d tecken; högst 1 000 får plats i ett chattsvar/,
      ),
    ]);
    edit(CASE, (t) => t.replace(/(Ett långt svar\. ){112}/, 'Ett långt svar. '.repeat(40)));
    const warned = check();
    expect(warned.status).toBe(0);
    expect(warned.lines.join('\n')).toMatch(
      /rad 34: VARNING: ## sv: svaret på svenska är \d+ tecken; sikta på högst 600/,
    );
  });

  it('names both files when the same question stands in two entries', () => {
    edit('knowledge/cases/norrvik-cleaning.md', (t) =>
      t.replace(
        '    - städning norrvik reserverad upphandling\n',
        '    - städning norrvik reserverad upphandling\n    - Vad betyder reserverad upphandling?\n',
      ),
    );
    const { status, errors } = check();
    expect(status).toBe(1);
    expect(errors).toEqual([
      `${shown('knowledge/concepts/reserved-tender.md')}, rad 9: FEL: questions.sv[0]: "Vad betyder reserverad upphandling?" finns redan i ${shown('knowledge/cases/norrvik-cleaning.md')}:15 (case-norrvik-cleaning) – en fråga får bara höra till ett svar: ta bort den här eller den andra`,
    ]);
  });

  it('says when Sofo answers an entry’s own question with another entry', () => {
    edit(CASE, (t) =>
      t.replace(
        '    - kaffe solby reserverad upphandling\n',
        '    - kaffe solby reserverad upphandling\n    - Vilka sociala krav kan vi ställa?\n',
      ),
    );
    const { status, errors } = check();
    expect(status).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(
        /solby-coffee\.md, rad 16: FEL: questions\.sv\[7\]: Sofo svarar på ".*" med guide-requirements/,
      ),
    ]);
  });

  it('reports a tab in contacts.yaml once, in that file, in words, with no echoes in other files', () => {
    edit('knowledge/contacts.yaml', (t) => t.replace('  name: Greta Lindqvist', '\t  name: Greta Lindqvist'));
    const { status, errors } = check();
    expect(status).toBe(1);
    expect(errors).toEqual([
      `${shown('knowledge/contacts.yaml')}, rad 12: FEL: YAML-texten går inte att läsa: en tabb får inte användas för indrag – använd mellanslag`,
    ]);
  });

  it('reports a tab in an entry once', () => {
    edit(CASE, (t) =>
      t.replace('    - Vad gick Solbys kaffeavtal ut på?', '\t- Vad gick Solbys kaffeavtal ut på?'),
    );
    expect(check().errors).toEqual([
      `${shown(CASE)}, rad 10: FEL: YAML-texten går inte att läsa: en tabb får inte användas för indrag – använd mellanslag`,
    ]);
  });

  it('explains a colon inside a question', () => {
    edit(CASE, (t) =>
      t.replace('    - Vad gick Solbys kaffeavtal ut på?', '    - Kaffe: vad gick Solbys avtal ut på?'),
    );
    expect(check().errors).toEqual([
      expect.stringMatching(
        /rad 10: FEL: questions\.sv\[1\]: innehåller ": " och lästes som ett fältnamn – sätt hela texten inom citattecken/,
      ),
    ]);
  });

  it('speaks English with --lang en', () => {
    edit(CASE, (t) => t.replace('url: https://www.solby.example', 'url: http://www.solby.example'));
    const { status, lines, errors } = check('--lang', 'en');
    expect(status).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/, line 30: ERROR: links\[0\]\.url: .* use https:\/\//)]);
    expect(lines.at(-1)).toMatch(/^1 error and \d+ warnings: fix the errors/);
  });
});
