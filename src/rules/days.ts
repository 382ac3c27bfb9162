/** `1 day`, `7 days`: retention periods in messages. */
export function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}
