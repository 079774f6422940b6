/**
 * Chat message content: sanitizing what Teams sends into the only HTML we
 * store, and rendering stored HTML for Adaptive Cards. Pure functions, no I/O.
 */
export { textOfSafeHtml, toSafeContent } from './sanitize';
export { toCardBlocks } from './cardMarkdown';
export type { MessageContent } from './sanitize';
export type { CardBlock, MentionInfo, SafeContent } from './types';
