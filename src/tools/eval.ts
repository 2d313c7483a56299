import { existsSync } from 'node:fs';
import { readConfig } from '../config/config';
import { loadEngine } from '../entry/load-engine';
import { EVAL_SETS, evalSetPath, readEvalLines } from './dataset';
import { evaluate, formatReport } from './evaluate';

/** `npm run eval`: the engine over each published eval set; accuracy per tag and language, fallback quality, confusions. */
function main(): void {
  const engine = loadEngine(readConfig());
  const summary: string[] = [];
  for (const name of EVAL_SETS) {
    const path = evalSetPath(name);
    // A clone without the shared workspace may not have every set yet; say so rather than fail the others.
    if (!existsSync(path)) {
      process.stdout.write(`${name} set: not found at ${path}\n\n`);
      continue;
    }
    const report = evaluate(readEvalLines(path), (line) => engine.ask(line.q));
    process.stdout.write(`${name} set: ${path}\n${formatReport('Sofo', report)}\n\n`);
    summary.push(
      `${name.padEnd(7)} top-1 ${(report.accuracy * 100).toFixed(1)} % (${report.correct}/${report.total})  ` +
        `fallback precision ${report.fallback.precision.toFixed(2)}, recall ${report.fallback.recall.toFixed(2)}`,
    );
  }
  process.stdout.write(`summary:\n${summary.map((s) => `  ${s}`).join('\n')}\n`);
}

main();
