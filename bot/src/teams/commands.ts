/** Command ids declared in the app manifest's compose extension. */
export const COMMANDS = {
  saveToCommunity: 'saveToCommunity',
  searchCards: 'searchCards',
  trackQuestion: 'trackQuestion',
  notQuestion: 'notQuestion',
  markAnswer: 'markAnswer',
} as const;
