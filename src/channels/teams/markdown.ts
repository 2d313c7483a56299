/**
 * The editors' Markdown-light (paragraph lines, `- ` lists, `**bold**`) as Adaptive Card TextBlock
 * texts. A TextBlock knows bold, `_italic_`, links and lists whose items are separated by `\r`; it knows
 * no code spans (Teams shows the backticks), so a command in backticks is shown in bold. One block per
 * paragraph line keeps the editors' line breaks.
 */
export function toCardTexts(text: string): string[] {
  const blocks: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length > 0) blocks.push(list.join('\r'));
    list = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = inline(raw.trim());
    if (line === '') {
      flush();
    } else if (/^- /.test(line)) {
      list.push(line);
    } else {
      flush();
      blocks.push(line);
    }
  }
  flush();
  return blocks;
}

function inline(line: string): string {
  return line.replace(/`([^`]+)`/g, '**$1**').replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1_$2_');
}
