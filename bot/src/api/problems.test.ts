import { ConflictError, ForbiddenError, NotFoundError, StorageUnavailableError, type ForbiddenSubject } from '../domain/shared/errors';
import type { Logger } from '../logging';
import { problemFor } from './problems';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (event: string) => void lines.push(event);
  return { lines, info: keep, warn: keep, error: keep };
}

const problem = (error: unknown) => problemFor(error, recordingLogger(), { route: 'test' });

describe('problemFor', () => {
  it('answers a refusal with 403 and says who may do it, by subject', () => {
    expect(problem(new ForbiddenError('card', 'change this card’s owner'))).toEqual({
      title: 'Not allowed',
      status: 403,
      detail: "You are not allowed to change this card. Ask its owner or one of the community's managers.",
    });
    expect(problem(new ForbiddenError('community', 'rename this community')).detail).toBe(
      "Only the community's managers can rename it or change who manages it.",
    );
    expect(problem(new ForbiddenError('ritual', 'create rituals')).detail).toBe(
      "Only the community's managers can create, change or delete its rituals.",
    );
    expect(problem(new ForbiddenError('item', 'remove someone else’s entry')).detail).toBe(
      "Only the entry's author or one of the community's managers can remove it.",
    );
  });

  it('never echoes the internal action of a refusal', () => {
    const subjects: ForbiddenSubject[] = ['card', 'community', 'ritual', 'item'];
    for (const subject of subjects) {
      const answer = problem(new ForbiddenError(subject, 'secret internal action'));
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer)).not.toMatch(/secret internal action|Not allowed to/);
    }
  });

  it('names the subject of a missing thing and of a lost race', () => {
    expect(problem(new NotFoundError('occurrence'))).toMatchObject({
      status: 404,
      detail: 'Session was not found, or you are not a member of its team.',
    });
    expect(problem(new ConflictError('item'))).toMatchObject({
      status: 409,
      detail: 'Someone else changed this entry in the meantime. Reload it and try again.',
    });
  });

  it('says storage is unavailable without its internal message', () => {
    const answer = problem(new StorageUnavailableError('table 503 at commonplacecards'));
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer)).not.toMatch(/503 at|commonplacecards/);
  });
});
