/**
 * Writes text that comes from the scanned repository (resource names, values, messages) to the
 * log. The runner executes any stdout line that starts with `::` as a workflow command, so such text
 * goes between `::stop-commands::TOKEN` and `::TOKEN::`, with a token the text cannot know.
 */
import { randomUUID } from 'node:crypto';

export function logUntrusted(text: string, write: (line: string) => void, token: string = randomUUID()): void {
  if (text === '') return;
  write(`::stop-commands::${token}`);
  write(text.replace(/\n$/, ''));
  write(`::${token}::`);
}
