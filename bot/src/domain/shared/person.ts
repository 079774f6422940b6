/** Someone credited or acting in a community: their stable id and the name to show. */
export interface Person {
  /**
   * The Entra object id: the Teams edge resolves any other id form a payload names a
   * person by (through the turn's sender or the conversation's roster), so one person is
   * one id. Only someone Teams cannot resolve keeps the id they came with.
   */
  id: string;
  name: string;
}

/** Fallback shown when Teams did not tell us who someone is. */
export const UNKNOWN_PERSON_NAME = 'Someone';

/** People in first-seen order, each once. */
export function distinctPeople(people: Iterable<Person>): Person[] {
  const seen = new Map<string, Person>();
  for (const person of people) {
    if (!seen.has(person.id)) seen.set(person.id, person);
  }
  return [...seen.values()];
}

/** "Ada", "Ada and Grace", "Ada, Grace and Linus". */
export function joinNames(people: Person[]): string {
  const names = people.map((p) => p.name);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
