/**
 * The `args` input is one string of further CLI options. It is split the way a POSIX shell splits
 * words (quotes and backslashes, no expansion), so `--var 'name=two words'` reaches the CLI's own
 * option parsing (yargs) as it would from a terminal, and no shell ever sees the text.
 */
import { InputError } from './inputs-error';

export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      // Inside double quotes a backslash escapes only what the shell would: " \ $ `
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new InputError(`The args input has an unclosed ${quote === '"' ? 'double' : 'single'} quote: ${text}`);
  if (inWord) words.push(word);
  return words;
}
