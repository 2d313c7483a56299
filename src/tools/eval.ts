import { readConfig } from '../config/config';
import { loadEngine } from '../entry/load-engine';
import { devSetPath, readEvalLines } from './dataset';
import { evaluate, formatReport } from './evaluate';

/** `npm run eval`: the engine over the dev set; accuracy per tag and language, fallback quality, confusions. */
function main(): void {
  const path = devSetPath();
  const engine = loadEngine(readConfig());
  const report = evaluate(readEvalLines(path), (line) => engine.ask(line.q));
  process.stdout.write(`dev set: ${path}\n${formatReport('Sofo', report)}\n`);
}

main();
