import { readConfig } from '../config/config';
import { loadEngine } from '../entry/load-engine';
import { writeBaseline } from './eval-floors';

/** `npm run eval:baseline`: after raising the floors, record the answers they were measured on. */
writeBaseline(loadEngine(readConfig()));
process.stdout.write('test/fixtures/eval/answers.json written\n');
