import type { RitualKind } from '../../../api/contract';

type RitualCollects = RitualKind['collects'];

/** The words around what a ritual collects, so a question reads as a question and a sign-up as a sign-up. */
export interface ItemCopy {
  heading: string;
  intro: string;
  inputLabel: string;
  addLabel: string;
  added: string;
  removed: string;
  empty: string;
  /** Names one item in button labels. */
  noun: string;
}

export const ITEM_COPY: Record<Exclude<RitualCollects, 'nothing'>, ItemCopy> = {
  questions: {
    heading: 'Questions',
    intro: 'Ask ahead of time and upvote the questions you want answered; the most upvoted come first.',
    inputLabel: 'Your question',
    addLabel: 'Add question',
    added: 'Question added.',
    removed: 'Question removed.',
    empty: 'No questions yet. Be the first to ask one.',
    noun: 'question',
  },
  problems: {
    heading: 'Problems to work on',
    intro: 'Bring a problem you are stuck on; the huddle works through them together.',
    inputLabel: 'Describe your problem',
    addLabel: 'Add problem',
    added: 'Problem added.',
    removed: 'Problem removed.',
    empty: 'Nobody has brought a problem yet.',
    noun: 'problem',
  },
  signups: {
    heading: 'Presenters',
    intro: 'Sign up to show something you learned or built.',
    inputLabel: 'What will you present?',
    addLabel: 'Sign up',
    added: 'You are signed up.',
    removed: 'Sign-up removed.',
    empty: 'Nobody has signed up yet.',
    noun: 'sign-up',
  },
};
