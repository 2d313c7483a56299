import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSwefaq, readSwefaq } from '../src/tools/swefaq/dataset';
import { bm25SwedishRanker, sofoRanker } from '../src/tools/swefaq/rankers';
import { accuracyLine, scoreSwefaq } from '../src/tools/swefaq/score';

/** Five invented FAQ questions in two categories, in SweFAQ's format (not the benchmark itself). */
const TINY = join(__dirname, 'fixtures', 'swefaq', 'tiny.jsonl');
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ category_id: 1, question: 'Fråga?', candidate_answers: ['A', 'B'], label: 0, ...fields });

describe('SweFAQ loader', () => {
  it('groups the questions by category, each with its category’s answers and the right one’s index', () => {
    const categories = readSwefaq(TINY);
    expect(categories.map((c) => [c.id, c.answers.length, c.questions.length])).toEqual([
      [1, 3, 3],
      [2, 2, 2],
    ]);
    expect(categories[0]?.questions[1]).toEqual({
      text: 'Var söker jag parkeringstillstånd för rörelsehindrade?',
      answer: 1,
    });
  });

  it.each([
    ['not JSON', '{"category_id": 1', /x\.jsonl:2: not JSON/],
    ['a line without a question', line({ question: undefined }), /x\.jsonl:2: not a SweFAQ line:.*question/s],
    ['a label outside the answers', line({ label: 2 }), /x\.jsonl:2: label 2 is not one of the 2 answers/],
    [
      'other answers for the same category',
      line({ candidate_answers: ['A', 'C'] }),
      /x\.jsonl:2: category 1 has other answers/,
    ],
  ])('stops at %s, naming the line', (_what, second, message) => {
    expect(() => parseSwefaq(`${line({})}\n${second}\n`, 'x.jsonl')).toThrow(message);
  });

  it('refuses an empty file', () => {
    expect(() => parseSwefaq('\n\n', 'empty.jsonl')).toThrow(/empty\.jsonl: no questions/);
  });
});

describe('SweFAQ scoring', () => {
  it('counts a question right only when its answer is ranked first, overall and per category', () => {
    const categories = readSwefaq(TINY);
    // Always the first answer: right for the first question of each category only.
    const score = scoreSwefaq(categories, () => () => 0);
    expect(score).toMatchObject({ correct: 2, total: 5, accuracy: 0.4 });
    expect(score.byCategory).toEqual([
      { id: 1, correct: 1, total: 3 },
      { id: 2, correct: 1, total: 2 },
    ]);
    expect(scoreSwefaq(categories, () => () => undefined).correct).toBe(0);
    expect(accuracyLine(score)).toBe('SweFAQ accuracy 0.400 (2/5)');
  });

  it('gives each category’s answers to the ranker, which sees no other category', () => {
    const seen: number[] = [];
    scoreSwefaq(readSwefaq(TINY), (answers) => {
      seen.push(answers.length);
      return () => undefined;
    });
    expect(seen).toEqual([3, 2]);
  });

  it.each([
    ['Sofo', sofoRanker],
    ['BM25', bm25SwedishRanker],
  ])('%s finds the answers whose words the questions share', (_name, ranker) => {
    expect(scoreSwefaq(readSwefaq(TINY), ranker).correct).toBe(5);
  });
});

describe('npm run bench:swefaq', () => {
  it('reads --file and ends with the accuracy line', () => {
    const script = join(__dirname, '..', 'dist', 'tools', 'bench-swefaq.js');
    const run = spawnSync(process.execPath, [script, '--file', TINY], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('SweFAQ accuracy 1.000 (5/5)');
    const missing = spawnSync(process.execPath, [script, '--file', `${TINY}.nope`], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('ships the dev split with its CC BY 4.0 attribution beside it', () => {
    const dir = join(__dirname, '..', 'bench', 'swefaq');
    expect(readSwefaq(join(dir, 'swefaq_dev.jsonl')).length).toBe(10);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/Språkbanken.*CC BY 4\.0/s);
  });
});
