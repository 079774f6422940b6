/**
 * Ids that arrive from outside (the tab's addresses, Teams activities) are checked here
 * before anything uses them: storage keys cannot hold control characters or text that is
 * not well-formed Unicode (a lone surrogate), and such an id is bad input, never a reason
 * to call storage.
 */

/** Longest id accepted from a client; Teams' longest ids (conversation ids) stay far below it. */
export const ID_MAX_LENGTH = 512;

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
/** Characters Azure Table keys forbid. */
const TABLE_KEY_CHARS = /[/\\#?]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether a value can be an id: a non-empty string of well-formed Unicode, without control
 * characters, at most {@link ID_MAX_LENGTH} long. `keySafe` also refuses the characters Table
 * keys forbid: the ids Commonplace hands out (cards, rituals, occurrences, items) and people's
 * Entra object ids never hold them, while the ids Teams gives conversations are stored escaped.
 */
export function isWellFormedId(value: unknown, options: { keySafe?: boolean } = {}): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= ID_MAX_LENGTH &&
    !CONTROL_CHARS.test(value) &&
    !LONE_SURROGATE.test(value) &&
    !(options.keySafe && TABLE_KEY_CHARS.test(value))
  );
}

/** Text shown to people (names) with any lone surrogate replaced, so it can be stored and sent as JSON. */
export function wellFormedText(value: string): string {
  return value.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
}
