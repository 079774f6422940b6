import type { Person } from '../shared/person';

/** A contribution as recorded for the contributors view. */
export interface Contribution {
  person: Person;
  role: 'harvester' | 'author' | 'curator';
  /** The card's title when the contribution was made, so lists need no second read. */
  title?: string;
  cardId: string;
  at: string;
}
