import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerOpeningProblems } from '../src/core/knowledge/answer-opening';
import type { Entry } from '../src/core/knowledge/model';
import { knowledgeCopy } from './helpers/knowledge-copy';

function entry(sv: string, en: string): Entry {
  const both = (text: string) => ({ sv: text, en: text });
  return {
    id: 'guide-x',
    type: 'guide',
    title: both('X'),
    text: { sv, en },
    questions: { sv: ['Får vi?'], en: ['May we?'] },
    keywords: { sv: [], en: [] },
    contactIds: [],
    links: [],
    related: [],
    file: 'knowledge/guide/x.md',
  };
}

describe('an answer opening with a yes or a no', () => {
  it.each([
    ['Ja. Sedan 2014 …', 'Ja'],
    ['**Nej**, det …', 'Nej'],
    ['  ja! det går', 'ja'],
    ['Jo: …', 'Jo'],
  ])('%s is an error in the Swedish answer, naming file, field and what to do', (sv, word) => {
    const problems = answerOpeningProblems([entry(sv, 'According to the guide …')]);
    expect(problems).toEqual([
      {
        file: 'knowledge/guide/x.md',
        field: '## sv',
        message: expect.stringMatching(new RegExp(`opens with "${word}".*start with the fact instead`)),
      },
    ]);
  });

  it('is found in the English answer too', () => {
    const problems = answerOpeningProblems([entry('Enligt guiden …', 'Yes. Since 2014 …')]);
    expect(problems.map((p) => [p.field, p.message.slice(0, 36)])).toEqual([
      ['## en', 'the English answer opens with "Yes":'],
    ]);
    expect(answerOpeningProblems([entry('Enligt guiden …', 'No, …')])).toHaveLength(1);
  });

  it('leaves words that only begin with the same letters alone', () => {
    for (const text of ['Ingen vet …', 'Nobody knows …', 'Januari 2020 …', 'Jag vet inte', 'Notera att …'])
      expect(answerOpeningProblems([entry(text, text)])).toEqual([]);
  });

  it('fails `sofo kb check` with the file and field, without a stack trace', () => {
    const root = join(__dirname, '..');
    const dir = knowledgeCopy();
    try {
      writeFileSync(
        join(dir, 'knowledge', 'guide', 'zz-verdict.md'),
        '---\nid: guide-zz-verdict\ntype: guide\ntitle: { sv: Får vi, en: May we }\n' +
          'questions: { sv: [Får vi det?], en: [May we do it?] }\n---\n\n## sv\n\nJa. Det får ni.\n\n## en\n\nAccording to the guide you may.\n',
      );
      const result = spawnSync(
        process.execPath,
        [join(root, 'bin', 'sofo.js'), 'kb', 'check', '--lang', 'en'],
        {
          env: {
            ...process.env,
            SOFO_KNOWLEDGE_DIR: join(dir, 'knowledge'),
            SOFO_INTENTS_DIR: join(dir, 'intents'),
          },
          encoding: 'utf8',
          timeout: 20_000,
        },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /knowledge\/guide\/zz-verdict\.md: ERROR: ## sv: the Swedish answer opens with "Ja"/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
