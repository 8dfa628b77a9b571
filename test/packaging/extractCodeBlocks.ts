/**
 * One fenced code block of a Markdown file.
 * @example const block: CodeBlock = { lang: 'tsx', code: 'export default function App() { return null }', line: 12 }
 */
export interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/**
 * The fenced code blocks of a Markdown text whose language is one of `langs`.
 * @example extractCodeBlocks(readFileSync('README.md', 'utf8'), ['ts', 'tsx'])
 */
export function extractCodeBlocks(markdown: string, langs: readonly string[]): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    while (++i < lines.length && !lines[i]!.startsWith('```'));
    if (langs.includes(open[1]!)) blocks.push({ lang: open[1]!, code: lines.slice(start + 1, i).join('\n'), line: start + 1 });
  }
  return blocks;
}
