// The tab's words are English, so English plural rules choose between them, whichever
// locale formats the number itself.
const english = new Intl.PluralRules('en');

/** `one` or `other`, as English grammar has it for `count` ("1 card", "0 cards", "2 cards"). */
export function plural(count: number, one: string, other: string): string {
  return english.select(count) === 'one' ? one : other;
}
