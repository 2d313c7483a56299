import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { fieldPath, type Problem } from './problems';
import { describeIssue } from './schema';

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
    this.doc = parseDocument(source, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of this.doc.errors) {
      const line = error.linePos?.[0]?.line;
      this.problems.push({
        file,
        ...(line !== undefined ? { line: line + lineOffset } : {}),
        message: `the YAML cannot be read: ${firstLine(error.message)} (check indentation, and quote texts containing ": ")`,
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
  parse<S extends z.ZodType>(schema: S, basePath: readonly PropertyKey[] = [], value = this.value()): z.output<S> | undefined {
    const result = schema.safeParse(value);
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

  lineOf(path: readonly PropertyKey[], childKey?: string): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth) as unknown[], true);
      if (!isNode(node)) continue;
      let range = node.range;
      if (childKey !== undefined && depth === path.length && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === childKey);
        if (pair && isNode(pair.key) && pair.key.range) range = pair.key.range;
      }
      if (range) return this.lines.linePos(range[0]).line + this.lineOffset;
    }
    return undefined;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
