import { cardProblems } from '../../../test-support/adaptiveCards';
import { aRitual } from '../../../test-support/builders';
import type { Occurrence, Ritual, RitualItem } from '../domain/rituals/ritual';
import { addItemDialog, followUpCard, itemsDialog, openingCard, reminderCard, upcomingRitualsCard } from './ritualCards';

const ritual = aRitual({
  title: 'Ask *anything* [x](javascript:alert(1))',
  description: 'About the pipeline',
  featuredExpert: 'Grace',
  meetingUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
});
const occurrence: Occurrence = { id: '2026-11-10T16:00:00.000Z', startsAt: '2026-11-10T16:00:00.000Z', endsAt: '2026-11-10T17:00:00.000Z', status: 'scheduled' };
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
      for (const card of [reminderCard(r, occurrence, 60, items, 'cp-job-1'), openingCard(r, occurrence, items, 'cp-job-1'), followUpCard(r, occurrence, 'cp-job-1'), itemsDialog(r, occurrence, items, 'a'), addItemDialog(r, occurrence, 'Write something first.')]) {
        expect(cardProblems(card)).toEqual([]);
      }
    }
    expect(cardProblems(upcomingRitualsCard([{ ritual, occurrence, communityName: 'Platform guild' }], 'Coming up'))).toEqual([]);
  });

  it('show times with Teams date functions, so each reader sees their own time zone', () => {
    const json = JSON.stringify(reminderCard(ritual, occurrence, 1440, items, 'cp-job-1'));
    expect(json).toContain('{{DATE(2026-11-10T16:00:00Z, SHORT)}} {{TIME(2026-11-10T16:00:00Z)}}');
    expect(json).toContain('Starts tomorrow');
  });

  it('carry the job marker on the posted card, and open dialogs with the occurrence', () => {
    const card = reminderCard(ritual, occurrence, 60, items, 'cp-job-xyz');
    const actions = (card.actions as { title: string; data?: Record<string, unknown> }[]).filter((a) => a.data);
    expect(actions.map((a) => a.title)).toEqual(['Submit a question', 'See questions']);
    expect(actions[0].data).toMatchObject({ msteams: { type: 'task/fetch' }, verb: 'ritualAddItem', ritualId: 'r1', occurrenceId: occurrence.id, job: 'cp-job-xyz' });
    expect(JSON.stringify(openingCard({ ...ritual, kind: 'winOfTheWeek' }, occurrence, [], 'cp-job-wotw'))).toContain('cp-job-wotw');
  });

  it('escape what people wrote', () => {
    const json = JSON.stringify(openingCard(ritual, occurrence, items, 'm'));
    expect(json).toContain('Ask \\\\*anything\\\\* \\\\[x\\\\](javascript:alert(1))');
    expect(json).toContain('Why \\\\*YAML\\\\*?');
  });

  it('list the top questions by the order given, with their votes', () => {
    const json = JSON.stringify(openingCard(ritual, occurrence, items, 'm'));
    expect(json.indexOf('How do we cache builds?')).toBeLessThan(json.indexOf('Why'));
    expect(json).toContain('(2 votes)');
  });

  it('show the viewer’s own votes in the list', () => {
    const json = JSON.stringify(itemsDialog(ritual, occurrence, items, 'a'));
    expect(json).toContain('▲ Voted · 2');
    expect(json).toContain('△ Upvote · 0');
  });

  it('count the slots left for a show & tell', () => {
    const json = JSON.stringify(reminderCard({ ...ritual, kind: 'showAndTell', slots: 3 }, occurrence, 60, items.slice(0, 1), 'm'));
    expect(json).toContain('2 of 3 presenting slots left.');
  });
});
