import type { Explanation } from '../../core/explain';

/**
 * `sofo ask --explain` for a reader: the outcome and the bar, then each candidate with the words that
 * carried it (and how they met the knowledge base) and the words it left unexplained.
 */
export function renderExplanation(e: Explanation): string {
  const lines = [`Varför / why: ${e.outcome} (${e.reason}); tröskel / threshold ${e.threshold}`];
  for (const c of e.candidates) {
    const matched = c.matched.map((m) =>
      m.word === m.as ? `${m.word} [${m.via}]` : `${m.word} → ${m.as} [${m.via}]`,
    );
    lines.push(`  ${c.score.toFixed(3)}  ${c.id}`);
    if (matched.length > 0) lines.push(`         träffar / matched: ${matched.join(', ')}`);
    if (c.unexplained.length > 0)
      lines.push(`         oförklarat / unexplained: ${c.unexplained.join(', ')}`);
  }
  return lines.join('\n');
}
