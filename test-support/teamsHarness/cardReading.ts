import type { InvokeAnswer } from './botHarness';

/* Reading what a person sees in the cards and dialogs the bot answers with. */

/** An Adaptive Card, read loosely: tests look into it by ids and text. */
export type CardJson = { body: unknown[]; actions?: { type: string; title: string; data?: Record<string, unknown> }[] } & Record<
  string,
  unknown
>;

/** The Adaptive Card of a `task/continue` answer, after checking the answer is one. */
export function dialogCard(answer: InvokeAnswer | undefined): CardJson {
  expectTaskContinue(answer);
  return answer!.body.task.value.card.content as CardJson;
}

/** Fails unless the answer is a 200 `task/continue` with an Adaptive Card. */
export function expectTaskContinue(answer: InvokeAnswer | undefined): void {
  expect(answer?.status).toBe(200);
  expect(answer?.body?.task?.type).toBe('continue');
  expect(answer?.body?.task?.value?.card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
}

/** All text a card shows, one element a line. */
export function textOf(node: unknown): string {
  if (Array.isArray(node)) return node.map(textOf).filter(Boolean).join('\n');
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    return [
      typeof o.text === 'string' ? o.text : '',
      ...Object.entries(o)
        .filter(([k]) => k !== 'text')
        .map(([, v]) => textOf(v)),
    ]
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

/** The card element with this id. */
export function input(card: CardJson, id: string): Record<string, any> | undefined {
  const walk = (node: unknown): Record<string, any> | undefined => {
    if (Array.isArray(node)) return node.map(walk).find(Boolean);
    if (!node || typeof node !== 'object') return undefined;
    const o = node as Record<string, unknown>;
    return o.id === id ? (o as Record<string, any>) : Object.values(o).map(walk).find(Boolean);
  };
  return walk(card.body);
}

/** Every Action.Submit in a card, its own actions and those inside its body. */
export function submitActions(card: CardJson): { title: string; data: Record<string, unknown> }[] {
  const found: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit') found.push({ title: String(o.title), data: o.data as Record<string, unknown> });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}
