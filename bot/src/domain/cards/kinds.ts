/*
 * Kept free of Node imports: the tab bundles this module.
 */

/** The kinds of knowledge a community harvests, with the labels people see. */
export const CARD_KINDS = [
  { id: 'how-to', label: 'How-to / fix' },
  { id: 'template', label: 'Template' },
  { id: 'snippet', label: 'Code snippet' },
  { id: 'case-study', label: 'Case study' },
  { id: 'lesson', label: 'Lesson from a failure' },
  { id: 'decision', label: 'Decision' },
  { id: 'link', label: 'Link' },
] as const;

/** One of {@link CARD_KINDS}' ids. */
export type CardKind = (typeof CARD_KINDS)[number]['id'];

/** The label people see for a kind. */
export function kindLabel(kind: CardKind): string {
  return CARD_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** Whether a value is one of the known kinds. */
export function isCardKind(value: unknown): value is CardKind {
  return CARD_KINDS.some((k) => k.id === value);
}
