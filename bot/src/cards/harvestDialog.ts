import type { FieldIssue } from '../domain/shared/errors';
import { CARD_KINDS, excerpt, type HarvestedMessage } from '../domain/cards/knowledgeCard';
import type { CardHit } from '../domain/search/searchPorts';
import { CARD_LIMITS } from '../domain/cards/limits';
import { adaptiveCard, cardDate, plain, type AdaptiveCard } from './adaptive';

/** What the person has typed or chosen so far. */
export interface HarvestFormValues {
  title: string;
  summary: string;
  kind: string;
  /** Existing tags chosen from suggestions, plus any new ones. */
  tags: string[];
  replyIds: string[];
}

/** Data carried through the dialog so a submission can be matched to its purpose. */
export interface HarvestDialogState {
  submissionId: string;
  /** Set when updating a saved card. */
  cardId?: string;
  version?: string;
}

/** Everything the "Save to community" dialog shows. */
export interface HarvestDialogInput {
  mode: 'create' | 'update';
  values: HarvestFormValues;
  actedMessage: HarvestedMessage;
  threadMessages: HarvestedMessage[];
  tagSuggestions: string[];
  /** Cards that look like the same knowledge, with the words each shares with the message. */
  similar: CardHit[];
  issues: FieldIssue[];
  /** A sentence shown above the form, e.g. that this message was already saved. */
  notice?: string;
  state: HarvestDialogState;
}

/** Names of the dialog's inputs, shared with the submission parser. */
export const HARVEST_INPUTS = {
  title: 'title',
  summary: 'summary',
  kind: 'kind',
  tags: 'tags',
  newTags: 'newTags',
  replyIds: 'replyIds',
} as const;

/** Submit actions the harvest dialogs send. */
export type HarvestAction = 'save' | 'update' | 'open' | 'share' | 'back';

const MESSAGE_PREVIEW_LENGTH = 300;
const EXPANDED_TAGS_MAX = 8;
const REPLY_PREVIEW_LENGTH = 90;

/** The "Save to community" dialog: pre-filled fields, thread replies to include, similar cards. */
export function harvestDialog(input: HarvestDialogInput): AdaptiveCard {
  const { values, actedMessage } = input;
  const body: unknown[] = [];
  if (input.notice) body.push(callout('warning', [input.notice]));
  if (input.issues.length) {
    body.push(callout('attention', ['Please check:', ...input.issues.map((i) => `• ${i.message}`)]));
  }
  if (input.mode === 'create' && input.similar.length) body.push(similarSection(input.similar));

  body.push({
    type: 'TextBlock',
    text: `From **${plain(actedMessage.author.name)}**${actedMessage.sentAt ? `, ${cardDate(actedMessage.sentAt)}` : ''}`,
    wrap: true,
    spacing: 'Medium',
  });
  body.push({
    type: 'Container',
    style: 'emphasis',
    items: [{ type: 'TextBlock', text: plain(excerpt(actedMessage.text, MESSAGE_PREVIEW_LENGTH)), wrap: true, maxLines: 6 }],
  });
  if (actedMessage.shortenedFrom !== undefined) {
    body.push(
      callout('warning', [
        `This message is long: the card keeps the first ${CARD_LIMITS.messageMaxLength.toLocaleString('en-US')} of its ${actedMessage.shortenedFrom.toLocaleString('en-US')} characters and links to the conversation for the rest.`,
      ]),
    );
  }

  body.push(
    {
      type: 'Input.Text',
      id: HARVEST_INPUTS.title,
      label: 'Title',
      value: values.title,
      maxLength: CARD_LIMITS.titleMaxLength,
      isRequired: true,
      errorMessage: `Give the card a title of up to ${CARD_LIMITS.titleMaxLength} characters.`,
    },
    {
      type: 'Input.Text',
      id: HARVEST_INPUTS.summary,
      label: 'Summary',
      placeholder: 'What will someone learn from this?',
      value: values.summary,
      isMultiline: true,
      maxLength: CARD_LIMITS.summaryMaxLength,
    },
    {
      type: 'Input.ChoiceSet',
      id: HARVEST_INPUTS.kind,
      label: 'Kind',
      value: values.kind,
      style: 'compact',
      isRequired: true,
      errorMessage: 'Choose what kind of knowledge this is.',
      choices: CARD_KINDS.map((k) => ({ title: k.label, value: k.id })),
    },
  );

  const suggested = [...new Set([...values.tags, ...input.tagSuggestions])];
  if (suggested.length) {
    body.push({
      type: 'Input.ChoiceSet',
      id: HARVEST_INPUTS.tags,
      label: 'Tags',
      isMultiSelect: true,
      // A few tags read best as checkboxes; many need a dropdown to keep the dialog short.
      style: suggested.length > EXPANDED_TAGS_MAX ? 'compact' : 'expanded',
      value: values.tags.join(','),
      choices: suggested.map((t) => ({ title: t, value: t })),
    });
  }
  body.push({
    type: 'Input.Text',
    id: HARVEST_INPUTS.newTags,
    label: suggested.length ? 'New tags' : 'Tags',
    placeholder: `Comma-separated, up to ${CARD_LIMITS.tagsMax}`,
    value: suggested.length ? '' : values.tags.join(', '),
  });

  if (input.threadMessages.length) {
    body.push(
      { type: 'TextBlock', text: 'Include replies from the thread', weight: 'Bolder', wrap: true, spacing: 'Medium' },
      {
        type: 'TextBlock',
        text: `Each reply you tick is added to the card and its author credited (up to ${CARD_LIMITS.repliesMax}).`,
        isSubtle: true,
        size: 'Small',
        wrap: true,
      },
      {
        type: 'Input.ChoiceSet',
        id: HARVEST_INPUTS.replyIds,
        isMultiSelect: true,
        style: 'expanded',
        value: values.replyIds.join(','),
        choices: input.threadMessages.map((m) => ({
          title: `${m.author.name}: ${excerpt(m.text, REPLY_PREVIEW_LENGTH)}`,
          value: m.messageId,
        })),
      },
    );
  }

  const action: HarvestAction = input.mode === 'create' ? 'save' : 'update';
  return adaptiveCard(body, [
    {
      type: 'Action.Submit',
      title: input.mode === 'create' ? 'Save to community' : 'Update card',
      style: 'positive',
      data: { action, ...input.state },
    },
  ]);
}

/** Shared words a hint names as why it is shown. */
const SIMILAR_REASON_WORDS = 5;

function similarSection(similar: CardHit[]): unknown {
  return {
    type: 'Container',
    style: 'accent',
    items: [
      { type: 'TextBlock', text: 'Already in the community:', weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: 'Reuse one of these instead of saving a duplicate?', isSubtle: true, size: 'Small', wrap: true },
      ...similar.map(({ card, matched }) => ({
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            verticalContentAlignment: 'Center',
            items: [
              { type: 'TextBlock', text: plain(card.title), wrap: true },
              ...(matched.length
                ? [
                    {
                      type: 'TextBlock',
                      text: plain(`Shares: ${matched.slice(0, SIMILAR_REASON_WORDS).join(', ')}`),
                      isSubtle: true,
                      size: 'Small',
                      wrap: true,
                      spacing: 'None',
                    },
                  ]
                : []),
            ],
          },
          {
            type: 'Column',
            width: 'auto',
            items: [
              {
                type: 'ActionSet',
                actions: [{ type: 'Action.Submit', title: 'Open', data: { action: 'open', cardId: card.id } }],
              },
            ],
          },
        ],
      })),
    ],
  };
}

function callout(style: 'warning' | 'attention' | 'good', lines: string[]): unknown {
  return {
    type: 'Container',
    style,
    items: lines.map((line, i) => ({ type: 'TextBlock', text: plain(line), wrap: true, weight: i === 0 ? 'Bolder' : 'Default' })),
  };
}
