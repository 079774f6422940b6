/* The Adaptive Cards renderer is ESM without extensions; its bundled build loads in Node. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** What the official Adaptive Cards library finds wrong with a card: unknown elements, bad properties, duplicate ids. */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents as { message: string }[]) problems.push(event.message);
  return problems;
}
