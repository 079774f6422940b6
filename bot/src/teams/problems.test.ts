import {
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  NotFoundError,
  StorageUnavailableError,
  ValidationError,
  type ForbiddenSubject,
  type Subject,
} from '../domain/shared/errors';
import type { Logger } from '../logging';
import { problemMessage } from './problems';

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => {}, warn: () => {}, error: (event: string) => void errors.push(event) };
}

const message = (error: unknown) => problemMessage(error, recordingLogger(), 'test');

describe('problemMessage', () => {
  it('names what is missing: a missing ritual, session or entry is not called a card', () => {
    expect(message(new NotFoundError('card'))).toBe('That card is no longer in this community.');
    expect(message(new NotFoundError('ritual'))).toBe('That ritual is no longer in this community. A manager may have deleted it.');
    expect(message(new NotFoundError('occurrence'))).toMatch(/^That session is no longer on the ritual’s schedule/);
    expect(message(new NotFoundError('item'))).toMatch(/^That entry is no longer in this session/);
    expect(message(new NotFoundError('community'))).toMatch(/does not know this community/);
  });

  it('has a distinct sentence for every subject a thing can be missing', () => {
    const subjects: Subject[] = ['card', 'community', 'ritual', 'occurrence', 'item', 'manager', 'page'];
    const sentences = subjects.map((subject) => message(new NotFoundError(subject)));
    expect(new Set(sentences).size).toBe(subjects.length);
    for (const sentence of sentences) expect(sentence).not.toMatch(/not found|undefined/);
  });

  it('says who may do what a person was refused, by subject, without echoing the internal action', () => {
    expect(message(new ForbiddenError('card', 'archive this card'))).toBe(
      'You are not allowed to change this card. Ask its owner or one of the community’s managers.',
    );
    expect(message(new ForbiddenError('community', 'add managers'))).toBe(
      'Only the community’s managers can rename it or change who manages it.',
    );
    expect(message(new ForbiddenError('ritual', 'pause rituals'))).toBe(
      'Only the community’s managers can create, change or delete its rituals.',
    );
    expect(message(new ForbiddenError('item', 'remove someone else’s entry'))).toBe(
      'Only the person who added this entry, or one of the community’s managers, can remove it.',
    );
    const subjects: ForbiddenSubject[] = ['card', 'community', 'ritual', 'item'];
    const sentences = subjects.map((subject) => message(new ForbiddenError(subject, 'secret internal action')));
    expect(new Set(sentences).size).toBe(subjects.length);
    for (const sentence of sentences) expect(sentence).not.toMatch(/secret internal action|Not allowed to/);
  });

  it('says a lost race was someone else’s change to that subject, and that nothing was saved', () => {
    expect(message(new ConflictError('card'))).toBe(
      'Someone else changed this card at the same time, so nothing was saved. Close this and try again.',
    );
    expect(message(new ConflictError('item'))).toMatch(/changed this entry/);
  });

  it('shows validation issues in their own words', () => {
    expect(message(new ValidationError([{ field: 'title', message: 'Give the card a title.' }]))).toBe('Give the card a title.');
  });

  it('logs unavailable storage and directory, and says so without their internal message', () => {
    const log = recordingLogger();
    const storage = problemMessage(new StorageUnavailableError('table 503 at commonplacecards'), log, 'test');
    const directory = problemMessage(new DependencyUnavailableError('Graph said 503'), log, 'test');
    expect(storage).toMatch(/cannot reach its storage/);
    expect(directory).toMatch(/cannot reach Microsoft 365/);
    expect(storage + directory).not.toMatch(/503|commonplacecards|Graph said/);
    expect(log.errors).toEqual(['storage.unavailable', 'dependency.unavailable']);
  });

  it('logs anything unexpected and tells people only that it failed on our side', () => {
    const log = recordingLogger();
    expect(problemMessage(new Error('secret internal detail'), log, 'test')).toBe(
      'Something went wrong on our side and nothing was saved. Please try again.',
    );
    expect(log.errors).toEqual(['invoke.failed']);
  });
});
