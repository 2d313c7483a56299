import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Every module a file imports (static, dynamic and require). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
}

const files = sources(SRC).map((file) => ({ path: relative(SRC, file), imports: importsOf(file) }));

describe('the layout', () => {
  it('imports botbuilder only inside src/channels/teams/ (a move to the Agents SDK touches that folder only)', () => {
    const outside = files.filter(
      (f) =>
        !f.path.startsWith(join('channels', 'teams')) && f.imports.some((i) => i.startsWith('botbuilder')),
    );
    expect(outside.map((f) => f.path)).toEqual([]);
    // The check sees the imports it is meant to see.
    expect(files.some((f) => f.imports.includes('botbuilder'))).toBe(true);
  });

  it('keeps the core free of platforms, HTTP and storage libraries', () => {
    const forbidden = /^(@slack\/|botbuilder|lowdb|express|pg$|node:http)/;
    const core = files.filter((f) => f.path.startsWith('core'));
    expect(core.length).toBeGreaterThan(10);
    const offending = core.flatMap((f) =>
      f.imports.filter((i) => forbidden.test(i)).map((i) => `${f.path}: ${i}`),
    );
    expect(offending).toEqual([]);
  });
});
