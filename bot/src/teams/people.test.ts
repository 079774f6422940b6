import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging';
import { rosterPeople } from './people';

const ALEX_ENTRA = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const MEGAN_ENTRA = '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function turn(from: { id: string; aadObjectId?: string }): TurnContext {
  return { activity: { from, channelData: { tenant: { id: 'tenant-a' } } } } as unknown as TurnContext;
}

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, warn: (event) => warnings.push(event), error: () => {} };
}

describe('rosterPeople', () => {
  afterEach(() => jest.restoreAllMocks());

  it('keeps an Entra object id, and takes the sender’s own object id for the sender, without asking the roster', async () => {
    const getMember = jest.spyOn(TeamsInfo, 'getMember');
    const people = rosterPeople(recordingLog());
    expect(await people.resolve(turn({ id: 'user-id-1' }), { id: ALEX_ENTRA, name: 'Alex' })).toEqual({ id: ALEX_ENTRA, name: 'Alex' });
    expect(await people.resolve(turn({ id: 'user-id-0', aadObjectId: ALEX_ENTRA }), { id: 'user-id-0', name: 'Alex' })).toEqual({
      id: ALEX_ENTRA,
      name: 'Alex',
    });
    expect(getMember).not.toHaveBeenCalled();
  });

  it('asks the roster for anyone else, once while the answer is fresh', async () => {
    const getMember = jest
      .spyOn(TeamsInfo, 'getMember')
      .mockResolvedValue({ id: 'user-id-1', name: 'Megan', aadObjectId: MEGAN_ENTRA } as never);
    const people = rosterPeople(recordingLog());
    const asker = turn({ id: 'user-id-0', aadObjectId: ALEX_ENTRA });
    expect(await people.resolve(asker, { id: 'user-id-1', name: 'Megan' })).toEqual({ id: MEGAN_ENTRA, name: 'Megan' });
    expect(await people.resolve(asker, { id: 'user-id-1', name: 'Megan' })).toEqual({ id: MEGAN_ENTRA, name: 'Megan' });
    expect(getMember).toHaveBeenCalledTimes(1);
  });

  it('keeps the id a person came with, and logs it, when the roster cannot say', async () => {
    jest.spyOn(TeamsInfo, 'getMember').mockRejectedValue(new Error('Member not found in conversation'));
    const log = recordingLog();
    const people = rosterPeople(log);
    expect(await people.resolve(turn({ id: 'user-id-0' }), { id: 'user-id-9', name: 'Someone' })).toEqual({
      id: 'user-id-9',
      name: 'Someone',
    });
    expect(log.warnings).toEqual(['people.unresolved']);
  });
});
