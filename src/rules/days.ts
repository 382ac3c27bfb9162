/** `1 day`, `7 days`: retention periods in messages (neutral; the old copy is src/rules/support/numbers.ts). */
export function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}
