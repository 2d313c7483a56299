import { floorFailures, readBaseline, readFloors, runSet } from '../src/tools/eval-floors';
import { realEngine } from './helpers/engine';

/**
 * The real knowledge base's answers, guarded by floors kept as data (test/fixtures/eval/floors.json):
 * an editor's change fails here only when answers on the eval sets get worse, and the failure names
 * the questions whose answer changed.
 */
const engine = realEngine();
const baseline = readBaseline();

describe.each(Object.entries(readFloors()))('%s', (file, floor) => {
  it('keeps accuracy, fallback quality and reply language above the floor', () => {
    const failures = floorFailures(runSet(engine, file), floor, baseline[file] ?? {});
    if (failures.length > 0) throw new Error(failures.join('\n'));
  });
});
