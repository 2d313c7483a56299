import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { fieldPath, type Problem } from './problems';
import { describeIssue } from './schema';
import { describeYamlError, firstTabIndent, TAB_MESSAGE } from './yaml-errors';

/**
 * A parsed YAML text that remembers where each value stood, so a problem in a field can be reported
 * with its line number. `lineOffset` is where the YAML starts inside its file (front matter: line 2).
 */
export class YamlSource {
  private readonly lines = new LineCounter();
  private readonly doc;
  readonly problems: Problem[] = [];

  constructor(
    readonly file: string,
    source: string,
    private readonly lineOffset = 0,
  ) {
    // logLevel 'error': the library's own console warnings would reach editors as noise.
    this.doc = parseDocument(source, {
      lineCounter: this.lines,
      prettyErrors: true,
      uniqueKeys: true,
      logLevel: 'error',
    });
    // The first error only: the rest are the parser misreading what follows it.
    const error = this.doc.errors[0];
    if (error) {
      const tab = firstTabIndent(source);
      const line = tab ?? error.linePos?.[0]?.line;
      this.problems.push({
        file,
        ...(line !== undefined ? { line: line + lineOffset } : {}),
        message: `the YAML cannot be read: ${tab ? TAB_MESSAGE : describeYamlError(error)}`,
      });
    }
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  value(): unknown {
    return this.doc.toJS();
  }

  /** Validates against a schema; on failure records each issue with its line and returns undefined. */
  parse<S extends z.ZodType>(
    schema: S,
    basePath: readonly PropertyKey[] = [],
    value = this.value(),
  ): z.output<S> | undefined {
    // reportInput: the messages tell a missing value from a value of the wrong kind.
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = [...basePath, ...issue.path];
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      this.report(path, describeIssue(issue), keys[0]);
    }
    return undefined;
  }

  report(path: readonly PropertyKey[], message: string, childKey?: string): void {
    const line = this.lineOf(path, childKey);
    this.problems.push({
      file: this.file,
      ...(line !== undefined ? { line } : {}),
      ...(path.length > 0 || childKey ? { field: fieldPath(childKey ? [...path, childKey] : path) } : {}),
      message,
    });
  }

  /** The line of the deepest part of the path that exists: the key of a map entry, or a list item. */
  lineOf(path: readonly PropertyKey[], childKey?: string): number | undefined {
    let node: unknown = this.doc.contents;
    let offset = isNode(node) ? node.range?.[0] : undefined;
    for (const segment of childKey === undefined ? path : [...path, childKey]) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        offset = isNode(pair.key) ? pair.key.range?.[0] : offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (!isNode(item)) break;
        offset = item.range?.[0];
        node = item;
      } else break;
    }
    return offset === undefined ? undefined : this.lines.linePos(offset).line + this.lineOffset;
  }
}
