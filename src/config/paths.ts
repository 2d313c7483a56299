import { resolve } from 'node:path';

/** The project root: dist/config/ or src/config/ is two levels below it. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');
