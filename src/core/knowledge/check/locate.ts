import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { YamlSource } from '../yaml-source';

/**
 * Finds the line of a field in a knowledge file (an entry's front matter or a YAML file), for checks
 * that run on the loaded knowledge base, which keeps no line numbers. Each file is parsed once.
 */
export class Locator {
  private readonly sources = new Map<string, YamlSource | undefined>();
  private readonly texts = new Map<string, string[]>();

  constructor(private readonly root: string) {}

  /** The line of `path` (e.g. ['links', 0, 'url']) in `file` (relative to the root). */
  line(file: string, path: readonly PropertyKey[]): number | undefined {
    return this.source(file)?.lineOf(path);
  }

  /** The first line of `file` that `test` accepts (e.g. the "## sv" heading). */
  lineWhere(file: string, test: (line: string) => boolean): number | undefined {
    const index = this.lines(file).findIndex(test);
    return index < 0 ? undefined : index + 1;
  }

  private lines(file: string): string[] {
    let lines = this.texts.get(file);
    if (!lines) {
      try {
        lines = readFileSync(join(this.root, file), 'utf8').split('\n');
      } catch {
        lines = [];
      }
      this.texts.set(file, lines);
    }
    return lines;
  }

  private source(file: string): YamlSource | undefined {
    if (!this.sources.has(file)) {
      const text = this.lines(file).join('\n');
      // An entry's front matter keeps its file's line numbers: gray-matter's matter starts after "---".
      const yaml = file.endsWith('.md') ? matter(text, { engines: { yaml: () => ({}) } }).matter : text;
      this.sources.set(file, text ? new YamlSource(file, yaml) : undefined);
    }
    return this.sources.get(file);
  }
}
