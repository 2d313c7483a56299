import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../config/paths';
import { BM25_SETUP } from './peers/bm25';
import { readSwefaq, type SwefaqCategory } from './swefaq/dataset';
import { bm25SwedishRanker, sofoRanker, sofoReplyRanker } from './swefaq/rankers';
import { accuracyLine, type SwefaqScore, scoreSwefaq } from './swefaq/score';

/** The dev split shipped with the project (with its CC BY 4.0 attribution beside it). */
export const SHIPPED_SWEFAQ = join(PROJECT_ROOT, 'bench', 'swefaq', 'swefaq_dev.jsonl');

export interface SwefaqFigures {
  file: string;
  sofo: SwefaqScore;
  /** Sofo through `ask()`: how often its reply (not its ranking) is the right answer. */
  sofoReplies: SwefaqScore;
  bm25: SwefaqScore;
}

export function runSwefaq(file: string): SwefaqFigures {
  const categories = readSwefaq(file);
  return {
    file,
    sofo: scoreSwefaq(categories, sofoRanker),
    sofoReplies: scoreSwefaq(categories, sofoReplyRanker),
    bm25: scoreSwefaq(categories, bm25SwedishRanker),
  };
}

/**
 * `npm run bench:swefaq [-- --file <swefaq.jsonl>]`: Sofo's engine on SweFAQ (Swedish authorities'
 * FAQs), against plain BM25. Prints per category, then the peers, and last the line tools read:
 * `SweFAQ accuracy 0.xxx (a/b)`.
 */
function main(): number {
  const { values } = parseArgs({ options: { file: { type: 'string' } } });
  const file = values.file ?? SHIPPED_SWEFAQ;
  if (!existsSync(file)) {
    process.stderr.write(`bench:swefaq: no such file: ${file}\n`);
    return 2;
  }
  const categories = readSwefaq(file);
  const figures = runSwefaq(file);
  print(describe(file, categories));
  print(table(categories, figures));
  print('');
  print(`BM25 peer: accuracy ${ratio(figures.bm25)}`);
  print(`  ${BM25_SETUP}`);
  print(
    `Sofo's replies (ask() with its thresholds; a fallback is a miss): ${ratio(figures.sofoReplies)} ` +
      '(informative: SweFAQ has no example questions, titles or keywords, which Sofo relies on to be sure)',
  );
  print('Sofo: its first-ranked entry per question, one knowledge base per category, answer texts only');
  print(accuracyLine(figures.sofo));
  return 0;
}

function describe(file: string, categories: readonly SwefaqCategory[]): string {
  const questions = categories.reduce((n, c) => n + c.questions.length, 0);
  const answers = categories.reduce((n, c) => n + c.answers.length, 0);
  return (
    `SweFAQ bench · ${file}\n` +
    `${questions} questions in ${categories.length} categories; each question is matched against its ` +
    `category's answers (${(answers / categories.length).toFixed(1)} on average)\n`
  );
}

function table(categories: readonly SwefaqCategory[], f: SwefaqFigures): string {
  const cell = (score: SwefaqScore, i: number) => {
    const c = score.byCategory[i];
    return c ? `${c.correct}/${c.total}` : '-';
  };
  const rows = categories.map((c, i) => [
    String(c.id),
    String(c.answers.length),
    cell(f.sofo, i),
    cell(f.bm25, i),
  ]);
  const head = ['category', 'answers', 'Sofo', 'BM25'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

const ratio = (s: SwefaqScore) => `${s.accuracy.toFixed(3)} (${s.correct}/${s.total})`;

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (error) {
    process.stderr.write(`bench:swefaq: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
