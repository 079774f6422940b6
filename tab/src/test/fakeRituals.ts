import type {
  OccurrenceChangeInput,
  OccurrenceView,
  RitualDetail,
  RitualInput,
  RitualItemView,
  RitualsPage,
  RitualUpdate,
  RitualView,
} from '../api/contract';
import { RITUAL_LIMITS, ritualKind } from '../api/contract';
import type { FakeAnswer, FakeApi, FakeCommunityState } from './fakeApi';

/*
 * The rituals part of the fake service. Rituals live in `state.rituals` as details whose
 * `items` hold every occurrence's items; answers carry the items of one occurrence only.
 * Versions are checked like the service does: a stale one answers 409.
 */

const BASE = '/api/communities/:key/rituals';

const problem = (status: number, title: string, detail: string): FakeAnswer => ({ problem: { title, status, detail } });
const notFound = problem(404, 'Not found', 'That ritual does not exist any more.');
const conflict = problem(409, 'Conflict', 'Someone changed this ritual meanwhile.');
const forbidden = problem(403, 'Forbidden', 'Only community managers can do that.');

const ITEM_KIND = { questions: 'question', problems: 'problem', signups: 'signup' } as const;

function viewOf(ritual: RitualDetail): RitualView {
  const { upcoming: _u, items: _i, itemsOccurrenceId: _o, can: _c, ...view } = ritual;
  return view;
}

function visibleUpcoming(ritual: RitualDetail): OccurrenceView[] {
  return ritual.paused ? [] : ritual.upcoming;
}

/** Installs the ritual routes on `api`, answering from `state`. */
export function installRitualRoutes(api: FakeApi, state: FakeCommunityState): void {
  let counter = 0;
  const manager = () => state.community.role === 'manager';
  const find = (id: string | undefined) => state.rituals.find((r) => r.id === id);
  const save = (ritual: RitualDetail): RitualDetail => {
    const next = { ...ritual, version: `W/"v${++counter + 1}"` };
    state.rituals = state.rituals.map((r) => (r.id === ritual.id ? next : r));
    return next;
  };
  const detailOf = (ritual: RitualDetail, occurrenceId?: string | null): RitualDetail => {
    const upcoming = visibleUpcoming(ritual);
    const next = upcoming.find((o) => o.status !== 'skipped');
    const itemsOccurrenceId = occurrenceId ?? next?.id;
    const items = ritual.items
      .filter((i) => i.occurrenceId === itemsOccurrenceId)
      .map((i) => ({ ...i, can: { delete: manager() || i.author.id === state.me.person.id } }))
      .sort((a, b) => b.votes - a.votes);
    return {
      ...ritual,
      upcoming,
      ...(next ? { next } : { next: undefined }),
      items,
      itemsOccurrenceId,
      can: { manage: manager(), addItem: !ritual.paused && !!itemsOccurrenceId },
    };
  };
  const withItems = (ritual: RitualDetail, items: RitualItemView[]) => {
    const updated = { ...ritual, items };
    state.rituals = state.rituals.map((r) => (r.id === ritual.id ? updated : r));
  };

  api
    .on('GET', BASE, () => {
      const page: RitualsPage = {
        rituals: state.rituals.map(viewOf),
        upcoming: state.rituals.flatMap(visibleUpcoming).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
        reminders: state.reminders,
        can: { manage: manager() },
      };
      return { body: page };
    })
    .on('POST', BASE, (req) => {
      if (!manager()) return forbidden;
      const input = req.body as RitualInput;
      const created: RitualDetail = {
        id: `ritual-new-${++counter}`,
        kind: input.kind,
        title: input.title.trim(),
        description: input.description ?? '',
        hosts: input.hosts,
        ...(input.featuredExpert ? { featuredExpert: input.featuredExpert } : {}),
        ...(input.meetingUrl ? { meetingUrl: input.meetingUrl } : {}),
        schedule: input.schedule,
        repeats: `Repeats ${input.schedule.rule}`,
        reminderOffsets: input.reminderOffsets,
        ...(input.slots !== undefined ? { slots: input.slots } : {}),
        paused: false,
        version: 'W/"v1"',
        upcoming: [],
        past: [],
        items: [],
        can: { manage: true, addItem: false },
      };
      state.rituals = [...state.rituals, created];
      return { status: 201, body: detailOf(created) };
    })
    .on('GET', `${BASE}/:id`, (req, p) => {
      const ritual = find(p.id);
      return ritual ? { body: detailOf(ritual, req.query.get('occurrence')) } : notFound;
    })
    .on('PUT', `${BASE}/:id`, (req, p) => {
      const ritual = find(p.id);
      if (!ritual) return notFound;
      if (!manager()) return forbidden;
      const { version, ...input } = req.body as RitualUpdate;
      if (version !== ritual.version) return conflict;
      const { featuredExpert, meetingUrl, slots, description, ...rest } = input;
      return {
        body: detailOf(
          save({ ...ritual, ...rest, description: description ?? '', featuredExpert, meetingUrl, slots, title: input.title.trim() }),
        ),
      };
    })
    .on('DELETE', `${BASE}/:id`, (req, p) => {
      const ritual = find(p.id);
      if (!ritual) return notFound;
      if (!manager()) return forbidden;
      if (req.query.get('version') !== ritual.version) return conflict;
      state.rituals = state.rituals.filter((r) => r.id !== ritual.id);
      return { status: 204 };
    })
    .on('POST', `${BASE}/:id/pause`, (req, p) => {
      const ritual = find(p.id);
      if (!ritual) return notFound;
      if (!manager()) return forbidden;
      const body = req.body as { version: string; paused: boolean };
      if (body.version !== ritual.version) return conflict;
      return { body: detailOf(save({ ...ritual, paused: body.paused })) };
    })
    .on('POST', `${BASE}/:id/occurrences/:occ/change`, (req, p) => {
      const ritual = find(p.id);
      if (!ritual) return notFound;
      if (!manager()) return forbidden;
      const body = req.body as OccurrenceChangeInput;
      if (body.version !== ritual.version) return conflict;
      const upcoming = ritual.upcoming.map((o) =>
        o.id !== p.occ
          ? o
          : {
              ...o,
              status: body.kind,
              reason: body.reason,
              // The fake reads the new wall-clock time as UTC; the service uses the ritual's zone.
              ...(body.kind === 'moved' && body.movedTo ? { startsAt: new Date(`${body.movedTo}:00Z`).toISOString() } : {}),
            },
      );
      return { body: detailOf(save({ ...ritual, upcoming })) };
    })
    .on('DELETE', `${BASE}/:id/occurrences/:occ/change`, (req, p) => {
      const ritual = find(p.id);
      if (!ritual) return notFound;
      if (req.query.get('version') !== ritual.version) return conflict;
      const upcoming = ritual.upcoming.map((o) => {
        if (o.id !== p.occ) return o;
        const { reason: _r, ...rest } = o;
        return { ...rest, status: 'scheduled' as const, startsAt: o.id };
      });
      return { body: detailOf(save({ ...ritual, upcoming })) };
    })
    .on('GET', `${BASE}/:id/occurrences/:occ/items`, (_req, p) => {
      const ritual = find(p.id);
      return ritual ? { body: { items: detailOf(ritual, p.occ).items } } : notFound;
    })
    .on('POST', `${BASE}/:id/occurrences/:occ/items`, (req, p) => {
      const ritual = find(p.id);
      if (!ritual) return notFound;
      const collects = ritualKind(ritual.kind).collects;
      if (collects === 'nothing') return problem(400, 'Not collected', 'This ritual does not collect anything.');
      const existing = ritual.items.filter((i) => i.occurrenceId === p.occ);
      const slots = ritual.slots ?? RITUAL_LIMITS.slotsDefault;
      if (collects === 'signups' && existing.length >= slots) {
        const message = 'Every slot is taken for this session. Ask the host, or sign up for the next one.';
        return { problem: { title: 'Check the highlighted fields', status: 400, detail: message, errors: [{ field: 'text', message }] } };
      }
      const item: RitualItemView = {
        id: `item-new-${++counter}`,
        occurrenceId: p.occ ?? '',
        kind: ITEM_KIND[collects],
        text: (req.body as { text: string }).text.replace(/\s+/g, ' ').trim(),
        author: state.me.person,
        createdAt: new Date().toISOString(),
        votes: 0,
        votedByMe: false,
        can: { delete: true },
      };
      withItems(ritual, [...ritual.items, item]);
      return { status: 201, body: item };
    })
    .on('DELETE', `${BASE}/:id/occurrences/:occ/items/:item`, (_req, p) => {
      const ritual = find(p.id);
      const item = ritual?.items.find((i) => i.id === p.item);
      if (!ritual || !item) return notFound;
      if (!manager() && item.author.id !== state.me.person.id) return forbidden;
      withItems(
        ritual,
        ritual.items.filter((i) => i.id !== item.id),
      );
      return { status: 204 };
    })
    .on('POST', `${BASE}/:id/occurrences/:occ/items/:item/vote`, (req, p) => {
      const ritual = find(p.id);
      const item = ritual?.items.find((i) => i.id === p.item);
      if (!ritual || !item) return notFound;
      const up = (req.body as { up: boolean }).up;
      const votes = item.votes + (up === item.votedByMe ? 0 : up ? 1 : -1);
      const voted = { ...item, votes, votedByMe: up };
      withItems(
        ritual,
        ritual.items.map((i) => (i.id === item.id ? voted : i)),
      );
      return { body: voted };
    });
}
