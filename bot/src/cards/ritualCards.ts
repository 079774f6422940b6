import { joinNames } from '../domain/shared/person';
import type { Occurrence, Ritual, RitualItem } from '../domain/rituals/ritual';
import { ritualKind, RITUAL_LIMITS } from '../domain/rituals/ritualKinds';
import type { UpcomingEntry } from '../domain/rituals/upcomingRituals';
import { adaptiveCard, plain, type AdaptiveCard } from './adaptive';

/** What a ritual card's buttons send back, read by the bot's dialog handlers. */
export interface RitualActionData {
  verb: 'ritualAddItem' | 'ritualItems' | 'ritualVote';
  ritualId: string;
  occurrenceId: string;
  itemId?: string;
  /** An upvote button: whether it adds the viewer's vote or withdraws it, so a press sent twice counts once. */
  up?: boolean;
  /** The scheduler's marker for the post the button is on, so an in-doubt post can be found again. */
  job?: string;
}

/** A date and time in each reader's own time zone and locale, rendered by Teams itself. */
export function cardDateTime(iso: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(iso) ? iso.replace(/\.\d+Z$/, 'Z') : undefined;
  return valid ? `{{DATE(${valid}, SHORT)}} {{TIME(${valid})}}` : '';
}

/**
 * How long until a start, in words, from the moment the card is made: "in 4 minutes",
 * "in 1 hour 25 minutes", "in 24 hours", "in 3 days". A reminder sent late says so truthfully.
 */
export function timeLeft(startsAt: string, now: Date): string {
  const minutes = Math.round((Date.parse(startsAt) - now.getTime()) / 60_000);
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 60) return `in ${unit(minutes, 'minute')}`;
  if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (!rest) return hours === 1 ? 'in an hour' : `in ${hours} hours`;
    // Past a few hours, the minutes are noise.
    return hours < 6 ? `in ${unit(hours, 'hour')} ${unit(rest, 'minute')}` : `in about ${Math.round(minutes / 60)} hours`;
  }
  const days = Math.floor(minutes / 1440);
  const hours = Math.round((minutes % 1440) / 60);
  return hours && hours < 24 ? `in ${unit(days, 'day')} and ${unit(hours, 'hour')}` : `in ${unit(days + (hours >= 24 ? 1 : 0), 'day')}`;
}

function taskAction(title: string, data: RitualActionData): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'task/fetch' }, ...data } };
}

function meetingAction(ritual: Ritual): unknown[] {
  return ritual.meetingUrl ? [{ type: 'Action.OpenUrl', title: 'Join the meeting', url: ritual.meetingUrl }] : [];
}

function header(ritual: Ritual, line: string): unknown[] {
  return [
    {
      type: 'TextBlock',
      text: ritualKind(ritual.kind).label.toUpperCase(),
      size: 'Small',
      weight: 'Bolder',
      color: 'Accent',
      spacing: 'None',
    },
    { type: 'TextBlock', text: plain(ritual.title), size: 'Large', weight: 'Bolder', wrap: true, spacing: 'Small' },
    { type: 'TextBlock', text: line, wrap: true, spacing: 'Small' },
  ];
}

function people(ritual: Ritual): unknown[] {
  const facts = [
    ...(ritual.hosts.length ? [{ title: ritual.hosts.length > 1 ? 'Hosts' : 'Host', value: plain(joinNames(ritual.hosts)) }] : []),
    ...(ritual.featuredExpert ? [{ title: 'Expert', value: plain(ritual.featuredExpert) }] : []),
  ];
  return facts.length ? [{ type: 'FactSet', facts }] : [];
}

function itemList(items: RitualItem[], empty: string, withVotes: boolean): unknown[] {
  if (!items.length) return [{ type: 'TextBlock', text: empty, wrap: true, isSubtle: true }];
  return items.map((item, index) => ({
    type: 'TextBlock',
    wrap: true,
    spacing: 'Small',
    text: `${index + 1}. ${plain(item.text)} — ${plain(item.author.name)}${withVotes && item.voterIds.length ? ` (${item.voterIds.length} ${item.voterIds.length === 1 ? 'vote' : 'votes'})` : ''}`,
  }));
}

/**
 * The reminder posted before an occurrence: when it is (in each reader's time zone),
 * who hosts it, and the button for what the ritual collects.
 */
export function reminderCard(ritual: Ritual, occurrence: Occurrence, now: Date, items: RitualItem[], marker: string): AdaptiveCard {
  const base = { ritualId: ritual.id, occurrenceId: occurrence.id, job: marker };
  const collects = ritualKind(ritual.kind).collects;
  const moved =
    occurrence.status === 'moved'
      ? [{ type: 'TextBlock', text: `Moved: ${plain(occurrence.reason ?? '')}`, wrap: true, color: 'Warning' }]
      : [];
  const body: unknown[] = [
    ...header(ritual, `Starts ${timeLeft(occurrence.startsAt, now)}: **${cardDateTime(occurrence.startsAt)}**`),
    ...moved,
    ...people(ritual),
  ];
  const actions: unknown[] = [];
  if (collects === 'questions') {
    body.push({
      type: 'TextBlock',
      text: items.length
        ? `${items.length} ${items.length === 1 ? 'question' : 'questions'} so far. Upvote the ones you want answered.`
        : 'No questions yet. Ask the first one.',
      wrap: true,
    });
    actions.push(
      taskAction('Submit a question', { verb: 'ritualAddItem', ...base }),
      taskAction('See questions', { verb: 'ritualItems', ...base }),
    );
  } else if (collects === 'problems') {
    body.push({
      type: 'TextBlock',
      text: items.length
        ? `${items.length} ${items.length === 1 ? 'problem' : 'problems'} on the agenda so far.`
        : 'Nothing on the agenda yet. Bring a problem you are stuck on.',
      wrap: true,
    });
    actions.push(
      taskAction('Bring a problem', { verb: 'ritualAddItem', ...base }),
      taskAction('See the agenda', { verb: 'ritualItems', ...base }),
    );
  } else if (collects === 'signups') {
    const slots = ritual.slots ?? RITUAL_LIMITS.slotsDefault;
    const left = Math.max(0, slots - items.length);
    body.push({
      type: 'TextBlock',
      text: left ? `${left} of ${slots} presenting slots left.` : `All ${slots} presenting slots are taken.`,
      wrap: true,
    });
    actions.push(
      taskAction('Sign up to present', { verb: 'ritualAddItem', ...base }),
      taskAction('See who presents', { verb: 'ritualItems', ...base }),
    );
  } else {
    actions.push(taskAction('Remind me what this is', { verb: 'ritualItems', ...base }));
  }
  return adaptiveCard(body, [...meetingAction(ritual), ...actions]);
}

/**
 * The post at the start: the AMA's top questions, the huddle's agenda, the show & tell
 * line-up, or the Win of the Week thread opener.
 */
export function openingCard(ritual: Ritual, occurrence: Occurrence, items: RitualItem[], marker: string, now: Date): AdaptiveCard {
  const base = { ritualId: ritual.id, occurrenceId: occurrence.id, job: marker };
  switch (ritual.kind) {
    case 'winOfTheWeek':
      return adaptiveCard(
        [
          ...header(
            ritual,
            'What went well for you this week? **Reply in this thread** with a win, big or small: a problem solved, something learned, a thank-you.',
          ),
          ...(ritual.description ? [{ type: 'TextBlock', text: plain(ritual.description), wrap: true, isSubtle: true }] : []),
        ],
        [],
        { msteams: { width: 'Full' }, id: marker },
      );
    case 'ama':
      return adaptiveCard(
        [
          ...header(
            ritual,
            `${now.getTime() >= Date.parse(occurrence.startsAt) - 60_000 ? 'Starting now' : `Starting at ${cardDateTime(occurrence.startsAt)}`}. The top questions:`,
          ),
          ...people(ritual),
          ...itemList(items.slice(0, RITUAL_LIMITS.topItemsPosted), 'No questions were sent in. Bring yours to the session.', true),
        ],
        [...meetingAction(ritual), taskAction('Submit a question', { verb: 'ritualAddItem', ...base })],
      );
    case 'huddle':
      return adaptiveCard(
        [
          ...header(ritual, 'Starting now. The agenda:'),
          ...people(ritual),
          ...itemList(items, 'Nobody brought a problem in advance; bring one now.', true),
        ],
        [...meetingAction(ritual), taskAction('Bring a problem', { verb: 'ritualAddItem', ...base })],
      );
    default:
      return adaptiveCard(
        [
          ...header(ritual, 'Starting now. Presenting today:'),
          ...people(ritual),
          ...itemList(items, 'Nobody signed up to present this time.', false),
        ],
        [...meetingAction(ritual), taskAction('Open the ritual', { verb: 'ritualItems', ...base })],
      );
  }
}

/** After an occurrence: invites people to save what came out of it. */
export function followUpCard(ritual: Ritual, occurrence: Occurrence, marker: string): AdaptiveCard {
  return adaptiveCard(
    [
      ...header(ritual, `Thanks for joining on ${cardDateTime(occurrence.startsAt)}.`),
      {
        type: 'TextBlock',
        wrap: true,
        text: 'Did an answer, a fix or a good idea come out of it? Keep it for the community: on the message that has it, open **… > Save to community**.',
      },
    ],
    [taskAction('What was discussed', { verb: 'ritualItems', ritualId: ritual.id, occurrenceId: occurrence.id, job: marker })],
  );
}

/** The kind's label, unless the title already says it ("Win of the Week" is one). */
function kindUnlessNamed(ritual: Ritual): string[] {
  const label = ritualKind(ritual.kind).label;
  const words = (text: string) =>
    text
      .toLocaleLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return ritual.kind === 'custom' || ` ${words(ritual.title)} `.includes(` ${words(label)} `) ? [] : [label];
}

/** The answer to `rituals`: the next occurrence of each ritual, soonest first. */
export function upcomingRitualsCard(entries: UpcomingEntry[], heading: string): AdaptiveCard {
  if (!entries.length) {
    return adaptiveCard([
      { type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Medium', wrap: true },
      {
        type: 'TextBlock',
        text: 'No rituals are coming up. Community managers create them in the community tab’s Rituals view.',
        wrap: true,
      },
    ]);
  }
  return adaptiveCard([
    { type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Medium', wrap: true },
    ...entries.map(({ ritual, occurrence, communityName }) => ({
      type: 'Container',
      spacing: 'Medium',
      items: [
        {
          type: 'TextBlock',
          text: [`**${plain(ritual.title)}**`, ...kindUnlessNamed(ritual), ...(communityName ? [plain(communityName)] : [])].join(' · '),
          wrap: true,
        },
        {
          type: 'TextBlock',
          spacing: 'None',
          isSubtle: true,
          wrap: true,
          text: `${cardDateTime(occurrence.startsAt)}${occurrence.status === 'moved' ? ` (moved: ${plain(occurrence.reason ?? '')})` : ''}${ritual.hosts.length ? ` · ${plain(joinNames(ritual.hosts))}` : ''}`,
        },
      ],
    })),
  ]);
}

/** The dialog to add a question, problem or sign-up. */
export function addItemDialog(ritual: Ritual, occurrence: Occurrence, problem?: string, text = ''): AdaptiveCard {
  const kind = ritualKind(ritual.kind).collects;
  const label = kind === 'questions' ? 'Your question' : kind === 'problems' ? 'The problem you want help with' : 'What you will present';
  return adaptiveCard(
    [
      { type: 'TextBlock', text: plain(ritual.title), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: cardDateTime(occurrence.startsAt), isSubtle: true, spacing: 'None', wrap: true },
      ...(problem ? [{ type: 'TextBlock', text: plain(problem), color: 'Attention', wrap: true }] : []),
      {
        type: 'Input.Text',
        id: 'text',
        label,
        isMultiline: true,
        maxLength: RITUAL_LIMITS.itemMaxLength,
        isRequired: true,
        errorMessage: 'Write something first.',
        value: text,
      },
    ],
    [
      {
        type: 'Action.Submit',
        title: kind === 'signups' ? 'Sign up' : 'Send',
        data: { verb: 'ritualAddItem', ritualId: ritual.id, occurrenceId: occurrence.id },
      },
    ],
  );
}

/** Whether an occurrence still takes new entries and votes: until it ends, unless it was skipped. */
function takesEntries(occurrence: Occurrence, now: Date): boolean {
  return occurrence.status !== 'skipped' && now.getTime() < Date.parse(occurrence.endsAt);
}

function addLabel(collects: string): string {
  return collects === 'signups' ? 'Sign up to present' : collects === 'questions' ? 'Submit a question' : 'Bring a problem';
}

function occurrenceLine(occurrence: Occurrence, now: Date): string {
  const start = Date.parse(occurrence.startsAt);
  const t = now.getTime();
  const when = cardDateTime(occurrence.startsAt);
  if (occurrence.status === 'skipped') return `${when}: skipped${occurrence.reason ? ` (${plain(occurrence.reason)})` : ''}`;
  if (t >= Date.parse(occurrence.endsAt)) return `${when}: this session is over. What was brought to it:`;
  if (t >= start) return `${when}: happening now.`;
  return when;
}

function emptyText(collects: string, open: boolean): string {
  if (collects === 'questions') return open ? 'No questions yet.' : 'No questions were sent in.';
  if (collects === 'problems') return open ? 'No problems yet.' : 'No problems were brought in advance.';
  if (collects === 'signups') return open ? 'Nobody has signed up yet.' : 'Nobody signed up to present.';
  return '';
}

/**
 * The dialog about one occurrence: what the ritual is, who hosts it, and its items, with
 * an upvote toggle on each question or problem while the session takes entries. After the
 * session it is the record of what was brought to it.
 */
export function itemsDialog(
  ritual: Ritual,
  occurrence: Occurrence,
  items: RitualItem[],
  viewerId: string,
  now: Date,
  notice?: string,
): AdaptiveCard {
  const collects = ritualKind(ritual.kind).collects;
  const open = takesEntries(occurrence, now);
  const votable = open && (collects === 'questions' || collects === 'problems');
  const votes = (item: RitualItem) =>
    collects !== 'signups' && item.voterIds.length ? ` · ${item.voterIds.length} ${item.voterIds.length === 1 ? 'vote' : 'votes'}` : '';
  const rows = items.map((item) => ({
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        items: [
          { type: 'TextBlock', wrap: true, text: `${plain(item.text)}\n\n_${plain(item.author.name)}${votable ? '' : votes(item)}_` },
        ],
      },
      ...(votable
        ? [
            {
              type: 'Column',
              width: 'auto',
              verticalContentAlignment: 'Center',
              items: [
                {
                  type: 'ActionSet',
                  actions: [
                    {
                      type: 'Action.Submit',
                      title: `${item.voterIds.includes(viewerId) ? '▲ Voted' : '△ Upvote'} · ${item.voterIds.length}`,
                      data: {
                        verb: 'ritualVote',
                        ritualId: ritual.id,
                        occurrenceId: occurrence.id,
                        itemId: item.id,
                        up: !item.voterIds.includes(viewerId),
                      },
                    },
                  ],
                },
              ],
            },
          ]
        : []),
    ],
  }));
  const empty = emptyText(collects, open);
  return adaptiveCard(
    [
      { type: 'TextBlock', text: plain(ritual.title), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: occurrenceLine(occurrence, now), isSubtle: true, spacing: 'None', wrap: true },
      ...(ritual.description ? [{ type: 'TextBlock', text: plain(ritual.description), wrap: true }] : []),
      ...people(ritual),
      ...(notice ? [{ type: 'TextBlock', text: plain(notice), color: 'Good', wrap: true }] : []),
      ...(rows.length ? rows : empty ? [{ type: 'TextBlock', text: empty, isSubtle: true, wrap: true }] : []),
    ],
    collects === 'nothing' || !open
      ? []
      : [
          {
            type: 'Action.Submit',
            title: addLabel(collects),
            data: { verb: 'ritualAddItem', ritualId: ritual.id, occurrenceId: occurrence.id, open: 'form' },
          },
        ],
  );
}

/**
 * The answer to a card button pressed where no dialog opens (a plain submit, as the Agents
 * Playground and cards posted by earlier versions send it): the same facts and items as the
 * dialog, posted as a message, with buttons that open the dialogs in Teams.
 */
export function occurrenceCard(ritual: Ritual, occurrence: Occurrence, items: RitualItem[], now: Date): AdaptiveCard {
  const collects = ritualKind(ritual.kind).collects;
  const open = takesEntries(occurrence, now);
  const shown = collects === 'signups' ? items : items.slice(0, RITUAL_LIMITS.topItemsPosted);
  const base = { ritualId: ritual.id, occurrenceId: occurrence.id };
  const more =
    items.length > shown.length
      ? [{ type: 'TextBlock', text: `And ${items.length - shown.length} more.`, isSubtle: true, wrap: true }]
      : [];
  return adaptiveCard(
    [
      ...header(ritual, occurrenceLine(occurrence, now)),
      ...(ritual.description ? [{ type: 'TextBlock', text: plain(ritual.description), wrap: true, isSubtle: true }] : []),
      ...people(ritual),
      ...(collects === 'nothing' ? [] : [...itemList(shown, emptyText(collects, open), collects !== 'signups'), ...more]),
    ],
    [
      ...meetingAction(ritual),
      ...(collects !== 'nothing' && open ? [taskAction(addLabel(collects), { verb: 'ritualAddItem', ...base })] : []),
      ...(collects !== 'nothing' && items.length > shown.length ? [taskAction('See them all', { verb: 'ritualItems', ...base })] : []),
    ],
  );
}
