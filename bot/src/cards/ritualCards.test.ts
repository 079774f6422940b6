import { cardProblems } from '../../../test-support/adaptiveCards';
import { aRitual } from '../../../test-support/builders';
import type { Occurrence, Ritual, RitualItem } from '../domain/rituals/ritual';
import {
  addItemDialog,
  followUpCard,
  itemsDialog,
  occurrenceCard,
  openingCard,
  reminderCard,
  timeLeft,
  upcomingRitualsCard,
} from './ritualCards';

const ritual = aRitual({
  title: 'Ask *anything* [x](javascript:alert(1))',
  description: 'About the pipeline',
  featuredExpert: 'Grace',
  meetingUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
});
const before = (minutes: number) => new Date(Date.parse('2026-11-10T16:00:00.000Z') - minutes * 60_000);
const occurrence: Occurrence = {
  id: '2026-11-10T16:00:00.000Z',
  startsAt: '2026-11-10T16:00:00.000Z',
  endsAt: '2026-11-10T17:00:00.000Z',
  status: 'scheduled',
};
const item = (id: string, text: string, voters: string[]): RitualItem => ({
  id,
  communityId: ritual.communityId,
  ritualId: 'r1',
  occurrenceId: occurrence.id,
  kind: 'question',
  text,
  author: { id: 'g', name: 'Grace' },
  createdAt: '2026-11-02T00:00:00.000Z',
  voterIds: voters,
});

describe('ritual cards', () => {
  const items = [item('q1', 'How do we cache builds?', ['a', 'b']), item('q2', 'Why *YAML*?', [])];

  it('are valid Adaptive Cards for every kind and moment', () => {
    const kinds: Ritual['kind'][] = ['ama', 'huddle', 'showAndTell', 'winOfTheWeek', 'custom'];
    for (const kind of kinds) {
      const r = { ...ritual, kind, slots: 2 };
      for (const card of [
        reminderCard(r, occurrence, before(60), items, 'cp-job-1'),
        openingCard(r, occurrence, items, 'cp-job-1', before(10)),
        followUpCard(r, occurrence, 'cp-job-1'),
        itemsDialog(r, occurrence, items, 'a', before(60)),
        itemsDialog(r, occurrence, items, 'a', before(-90)),
        occurrenceCard(r, occurrence, items, before(60)),
        occurrenceCard(r, occurrence, items, before(-90)),
        addItemDialog(r, occurrence, 'Write something first.'),
      ]) {
        expect(cardProblems(card)).toEqual([]);
      }
    }
    expect(cardProblems(upcomingRitualsCard([{ ritual, occurrence, communityName: 'Platform guild' }], 'Coming up'))).toEqual([]);
  });

  it('show times with Teams date functions, so each reader sees their own time zone', () => {
    const json = JSON.stringify(reminderCard(ritual, occurrence, before(1440), items, 'cp-job-1'));
    expect(json).toContain('{{DATE(2026-11-10T16:00:00Z, SHORT)}} {{TIME(2026-11-10T16:00:00Z)}}');
    expect(json).toContain('Starts in 24 hours');
  });

  it('carry the job marker on the posted card, and open dialogs with the occurrence', () => {
    const card = reminderCard(ritual, occurrence, before(60), items, 'cp-job-xyz');
    const actions = (card.actions as { title: string; data?: Record<string, unknown> }[]).filter((a) => a.data);
    expect(actions.map((a) => a.title)).toEqual(['Submit a question', 'See questions']);
    expect(actions[0].data).toMatchObject({
      msteams: { type: 'task/fetch' },
      verb: 'ritualAddItem',
      ritualId: 'r1',
      occurrenceId: occurrence.id,
      job: 'cp-job-xyz',
    });
    expect(JSON.stringify(openingCard({ ...ritual, kind: 'winOfTheWeek' }, occurrence, [], 'cp-job-wotw', before(0)))).toContain(
      'cp-job-wotw',
    );
  });

  it('escape what people wrote', () => {
    const json = JSON.stringify(openingCard(ritual, occurrence, items, 'm', before(10)));
    expect(json).toContain('Ask \\\\*anything\\\\* \\\\[x\\\\](javascript:alert(1))');
    expect(json).toContain('Why \\\\*YAML\\\\*?');
  });

  it('list the top questions by the order given, with their votes', () => {
    const json = JSON.stringify(openingCard(ritual, occurrence, items, 'm', before(10)));
    expect(json.indexOf('How do we cache builds?')).toBeLessThan(json.indexOf('Why'));
    expect(json).toContain('(2 votes)');
  });

  it('show the viewer’s own votes in the list', () => {
    const json = JSON.stringify(itemsDialog(ritual, occurrence, items, 'a', before(60)));
    expect(json).toContain('▲ Voted · 2');
    expect(json).toContain('△ Upvote · 0');
  });

  it('count the slots left for a show & tell', () => {
    const json = JSON.stringify(reminderCard({ ...ritual, kind: 'showAndTell', slots: 3 }, occurrence, before(60), items.slice(0, 1), 'm'));
    expect(json).toContain('2 of 3 presenting slots left.');
  });

  it('say the real time left when the reminder is made, whatever its offset', () => {
    const start = occurrence.startsAt;
    const at = (minutes: number, seconds = 0) => new Date(Date.parse(start) - minutes * 60_000 - seconds * 1000);
    expect(timeLeft(start, at(4))).toBe('in 4 minutes');
    expect(timeLeft(start, at(14, 59))).toBe('in 15 minutes');
    expect(timeLeft(start, at(1))).toBe('in 1 minute');
    expect(timeLeft(start, at(0, 10))).toBe('in less than a minute');
    expect(timeLeft(start, at(60))).toBe('in an hour');
    expect(timeLeft(start, at(85))).toBe('in 1 hour 25 minutes');
    expect(timeLeft(start, at(1440))).toBe('in 24 hours');
    expect(timeLeft(start, at(1260, 20))).toBe('in 21 hours');
    expect(timeLeft(start, at(3 * 1440))).toBe('in 3 days');
    expect(timeLeft(start, at(2 * 1440 + 300))).toBe('in 2 days and 5 hours');
    expect(JSON.stringify(reminderCard(ritual, occurrence, at(4), [], 'm'))).toContain('Starts in 4 minutes');
  });

  it('give every button something to do: a dialog in Teams, a link, or nothing posted without a purpose', () => {
    const kinds: Ritual['kind'][] = ['ama', 'huddle', 'showAndTell', 'winOfTheWeek', 'custom'];
    for (const kind of kinds) {
      const r = { ...ritual, kind, slots: 2 };
      const posted = [
        reminderCard(r, occurrence, before(60), items, 'm'),
        openingCard(r, occurrence, items, 'm', before(0)),
        followUpCard(r, occurrence, 'm'),
        occurrenceCard(r, occurrence, items, before(60)),
      ];
      for (const card of posted) {
        for (const action of (card.actions ?? []) as { type: string; url?: string; data?: { msteams?: { type: string } } }[]) {
          // A plain submit from a posted card reaches the bot as a message that Teams shows nothing for.
          if (action.type === 'Action.Submit') expect(action.data?.msteams?.type).toBe('task/fetch');
          else expect(action).toMatchObject({ type: 'Action.OpenUrl', url: expect.stringMatching(/^https:/) });
        }
      }
    }
  });

  it('show a past session as a record, without add or vote buttons', () => {
    const json = JSON.stringify(itemsDialog(ritual, occurrence, items, 'a', before(-90)));
    expect(json).toContain('this session is over');
    expect(json).toContain('How do we cache builds?');
    expect(json).toContain('2 votes');
    expect(json).not.toContain('ritualVote');
    expect(json).not.toContain('ritualAddItem');
  });

  it('name the kind in the list of upcoming rituals only when the title does not', () => {
    const json = JSON.stringify(
      upcomingRitualsCard(
        [
          { ritual: { ...ritual, kind: 'winOfTheWeek', title: 'Win of the Week' }, occurrence },
          { ritual: { ...ritual, kind: 'huddle', title: 'Deploy huddle' }, occurrence },
        ],
        'Coming up',
      ),
    );
    expect(json).not.toContain('**Win of the Week** · Win of the Week');
    expect(json).toContain('**Deploy huddle** · Problem-solving huddle');
  });
});
