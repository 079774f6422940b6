import { ADA, GRACE, LINUS } from '../../../../test-support/builders';
import { MemoryCommunityRepository } from '../../../../test-support/memory/memoryCommunityRepository';
import { memoryTeamDirectory } from '../../../../test-support/memory/memoryTeamDirectory';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors';
import { addManager, configureCommunity, openCommunity, removeManager } from './communities';
import { communityId, type CommunityRef } from './community';
import { MANAGERS_MAX } from './communityProfile';

const CHANNEL: CommunityRef = { scope: 'channel', tenantId: 't', teamId: 'team', conversationId: '19:general@thread.tacv2' };
const NOW = new Date('2026-11-02T09:00:00.000Z');

/** Ada owns the team, Grace is a member, Linus is not in it. */
function communityPorts() {
  return {
    communities: new MemoryCommunityRepository(),
    directory: memoryTeamDirectory({ team: { [ADA.id]: 'owner', [GRACE.id]: 'member' } }),
  };
}

describe('openCommunity', () => {
  it('opens a channel’s community for a team member, with default settings until someone configures it', async () => {
    const ports = communityPorts();
    const opened = await openCommunity(CHANNEL, GRACE, ports);
    expect(opened).toEqual({
      ref: CHANNEL,
      profile: { communityId: communityId(CHANNEL), managers: [], reviewIntervalDays: 90 },
      role: 'member',
    });
    expect((await openCommunity(CHANNEL, ADA, ports)).role).toBe('manager');
  });

  it('tells someone outside the team, or a chat, that there is no such community', async () => {
    const ports = communityPorts();
    await expect(openCommunity(CHANNEL, LINUS, ports)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openCommunity({ scope: 'groupChat', tenantId: 't', conversationId: '19:chat' }, ADA, ports)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(ports.directory.asked).toEqual(['team']);
  });
});

describe('configuring a community', () => {
  it('lets the first person to set the tab up name it, and then only managers rename it', async () => {
    const ports = communityPorts();
    const named = await configureCommunity(await openCommunity(CHANNEL, GRACE, ports), GRACE, { name: 'Platform guild' }, NOW, ports);
    expect(named).toMatchObject({ name: 'Platform guild', configuredAt: NOW.toISOString(), configuredBy: GRACE });
    expect((await ports.communities.get(communityId(CHANNEL)))?.name).toBe('Platform guild');
    await expect(
      configureCommunity(await openCommunity(CHANNEL, GRACE, ports), GRACE, { name: 'Mine' }, NOW, ports),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const renamed = await configureCommunity(await openCommunity(CHANNEL, ADA, ports), ADA, { name: 'Platform' }, NOW, ports);
    expect(renamed.name).toBe('Platform');
  });

  it('refuses a change made from a profile someone else changed since it was opened', async () => {
    const ports = communityPorts();
    const first = await openCommunity(CHANNEL, ADA, ports);
    const second = await openCommunity(CHANNEL, ADA, ports);
    await configureCommunity(first, ADA, { name: 'First' }, NOW, ports);
    await expect(configureCommunity(second, ADA, { name: 'Second' }, NOW, ports)).rejects.toBeInstanceOf(ConflictError);
    expect((await ports.communities.get(communityId(CHANNEL)))?.name).toBe('First');
  });
});

describe('managers', () => {
  it('lets a manager add a manager, who then manages, and remove one', async () => {
    const ports = communityPorts();
    await addManager(await openCommunity(CHANNEL, ADA, ports), GRACE, ports);
    const asGrace = await openCommunity(CHANNEL, GRACE, ports);
    expect(asGrace.role).toBe('manager');
    expect(asGrace.profile.managers).toEqual([GRACE]);
    await removeManager(await openCommunity(CHANNEL, ADA, ports), GRACE.id, ports);
    expect((await openCommunity(CHANNEL, GRACE, ports)).role).toBe('member');
  });

  it('writes nothing when adding someone who is already a manager', async () => {
    const ports = communityPorts();
    const added = await addManager(await openCommunity(CHANNEL, ADA, ports), GRACE, ports);
    const again = await addManager(await openCommunity(CHANNEL, ADA, ports), GRACE, ports);
    expect(again.version).toBe(added.version);
  });

  it('is for managers only, and stops at the most managers a community lists', async () => {
    const ports = communityPorts();
    await expect(addManager(await openCommunity(CHANNEL, GRACE, ports), GRACE, ports)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeManager(await openCommunity(CHANNEL, GRACE, ports), ADA.id, ports)).rejects.toBeInstanceOf(ForbiddenError);
    let opened = await openCommunity(CHANNEL, ADA, ports);
    for (let i = 0; i < MANAGERS_MAX; i++)
      opened = { ...opened, profile: await addManager(opened, { id: `m${i}`, name: `Manager ${i}` }, ports) };
    await expect(addManager(opened, LINUS, ports)).rejects.toThrow(`at most ${MANAGERS_MAX} managers`);
  });
});
