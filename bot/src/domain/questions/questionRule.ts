import { collapseWhitespace } from '../shared/text';

/**
 * What makes a root post a question, per language. Kept here and nowhere else, so a
 * language is added by adding its openers: the question mark is shared by the languages
 * written in Latin script, and each language lists the words a question opens with.
 */
interface LanguageRule {
  /** Marks that end a question in this language's script. */
  endings: string[];
  /** Opening words of a question, lower-case, each a whole-word prefix of the text. */
  openers: string[];
}

const ENGLISH: LanguageRule = {
  endings: ['?', '？'],
  openers: [
    // Question words, and how they commonly open a request for help.
    'how do',
    'how does',
    'how did',
    'how can',
    'how could',
    'how should',
    'how would',
    'how to',
    'how is',
    'how are',
    'how come',
    'how much',
    'how many',
    'how long',
    'how often',
    'why does',
    'why do',
    'why did',
    'why is',
    'why are',
    'why was',
    'why would',
    'why can',
    "why can't",
    "why won't",
    "why doesn't",
    "why don't",
    "why isn't",
    'what is',
    "what's",
    'what are',
    'what does',
    'what do',
    'what should',
    'what would',
    'what happens',
    'where is',
    'where are',
    'where do',
    'where does',
    'where can',
    'where should',
    'when is',
    'when are',
    'when do',
    'when does',
    'when should',
    'when will',
    'which',
    'who knows',
    'who can',
    'who has',
    'who is',
    'whom',
    // Yes/no openers.
    'has anyone',
    'has anybody',
    'has somebody',
    'have you',
    'have any of you',
    'has someone',
    'does anyone',
    'does anybody',
    'does someone',
    'do you',
    'do we',
    'do i',
    'did anyone',
    'did you',
    'is there',
    'is it',
    'is anyone',
    'is anybody',
    'are there',
    'are we',
    'are you',
    'are any',
    'can someone',
    'can anyone',
    'can anybody',
    'can somebody',
    'can i',
    'can we',
    'can you',
    'could someone',
    'could anyone',
    'could you',
    'could i',
    'could we',
    'would someone',
    'would anyone',
    'would you',
    'should i',
    'should we',
    'will it',
    'will this',
    'anyone',
    'anybody',
    // An auxiliary opens an English sentence only when it asks ("Does the cache survive…").
    'does',
    'did',
    'is',
    'are',
    // Requests that are questions without the word order of one.
    'any idea',
    'any ideas',
    'any tips',
    'any advice',
    'any suggestions',
    'any recommendations',
    'i wonder',
    'i was wondering',
    'wondering if',
    'quick question',
    'question:',
    'looking for advice',
    'need help',
    'help needed',
    'need some help',
  ],
};

/** The rules in use; a post is a question under any of them. */
const LANGUAGES: LanguageRule[] = [ENGLISH];

/** How much of the start of a post is read for an opener; greetings are skipped before it. */
const GREETING = /^(?:(?:hi|hey|hello|morning|good morning|good afternoon|folks|all|everyone|team|guys|y'all|quick one)\b[\s,!.:-]*)+/;

/** A post as the rule reads it: plain words, one space apart, mentions already removed. */
function readable(text: string): string {
  return collapseWhitespace(text.replace(/[’‘]/g, "'")).toLowerCase();
}

/**
 * Whether a root post asks something: it ends with a question mark (trailing emoji,
 * closing brackets and quotes aside), or opens as a question. Replies, and posts by bots,
 * are never questions: callers decide those before asking the rule.
 */
export function readsAsQuestion(text: string): boolean {
  const words = readable(text);
  if (!words) return false;
  const ending = words.replace(/(?:[\s)\]"'*_~.!…\p{Extended_Pictographic}]|\u200d|\ufe0f)+$/u, '');
  // "..." or "!" after the question mark still ends a question ("Why?!"), a lone "?" does not ask anything.
  const opening = words.replace(GREETING, '');
  return LANGUAGES.some(
    (language) =>
      (ending.length > 1 && language.endings.some((mark) => ending.endsWith(mark) && /[\p{L}\p{N}]/u.test(ending))) ||
      language.openers.some((opener) => startsWithWords(opening, opener)),
  );
}

function startsWithWords(text: string, opener: string): boolean {
  if (!text.startsWith(opener)) return false;
  const next = text.charAt(opener.length);
  return next === '' || !/[\p{L}\p{N}]/u.test(next) || opener.endsWith(':');
}
