/** A mention entity as Teams sends it in activity.entities / messagePayload.mentions. */
export interface MentionInfo {
  id?: number | string;
  mentionText?: string;
  text?: string;
  mentioned?: { id?: string; name?: string; displayName?: string };
}

/** A chat message's content in the only form that is ever stored. */
export interface SafeContent {
  /** Sanitized HTML: only the allow-listed markup below. */
  html: string;
  /** Plain text of html: paragraphs/list items/line breaks become newlines, code kept verbatim, whitespace collapsed within lines, trimmed. */
  text: string;
  /** Set only when the input was longer than maxLength: the original sanitized length in characters. */
  shortenedFrom?: number;
}

/**
 * One piece of a card body. Adaptive Cards markdown has no code syntax, so code
 * travels separately as raw text (not markdown): render it with an element
 * that does not interpret markdown, such as CodeBlock or a monospace TextBlock
 * of escaped text.
 */
export type CardBlock = { type: 'text'; markdown: string } | { type: 'code'; code: string };
