// The package publishes its subpaths through `exports`, which this project's module
// resolution does not read for types; the English stemmer's own declaration, restated.
declare module '@orama/stemmers/english' {
  export function stemmer(word: string): string;
}
