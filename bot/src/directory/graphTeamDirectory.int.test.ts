import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DependencyUnavailableError } from '../domain/shared/errors';
import { GraphTeamDirectory } from './graphTeamDirectory';

/*
 * The team directory over real HTTP on loopback, against a stand-in for Graph's
 * team members listing (`GET /v1.0/teams/{group}/members?$filter=…userId eq '…'`).
 */

const GROUP = '0b7c8d9e-1f20-4a3b-8c4d-5e6f7a8b9c0d';
const OTHER_GROUP = '1c8d9e0f-2031-4b4c-9d5e-6f7a8b9c0d1e';
const TEAM = { tenantId: 'tenant-a', teamId: '19:platform@thread.tacv2' };
const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const OWNER = person(1);
const MEMBER = person(2);
const GUEST = person(3);
const STRANGER = person(4);

describe('GraphTeamDirectory', () => {
  let server: http.Server;
  let graphUrl: string;
  const requests: { path: string; userId?: string; token?: string }[] = [];
  let answer: (group: string, userId: string) => { status: number; body?: unknown } = () => ({ status: 500 });

  const rosters: Record<string, Record<string, string[]>> = {
    [GROUP]: { [OWNER]: ['owner'], [MEMBER]: [], [GUEST]: ['guest'] },
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://graph');
      const group = /^\/v1\.0\/teams\/([^/]+)\/members$/.exec(url.pathname)?.[1];
      const userId = /userId eq '([^']+)'/.exec(url.searchParams.get('$filter') ?? '')?.[1];
      requests.push({ path: url.pathname, userId, token: req.headers.authorization });
      const { status, body } = group && userId ? answer(group, userId) : { status: 400 };
      res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    requests.length = 0;
    answer = (group, userId) => {
      const roster = rosters[group];
      if (!roster) return { status: 404, body: { error: { code: 'NotFound' } } };
      const roles = roster[userId];
      return { status: 200, body: { value: roles ? [{ userId, roles }] : [] } };
    };
  });

  const directory = (teams: Record<string, string | undefined> = { [TEAM.teamId]: GROUP }) =>
    new GraphTeamDirectory(
      {
        get: async (team) =>
          team.teamId in teams ? { ...team, aadGroupId: teams[team.teamId], seenAt: '2026-11-01T00:00:00.000Z' } : undefined,
      },
      async (tenantId) => `token-for-${tenantId}`,
      graphUrl,
    );

  it("reads a person's role from the team's roster, with the tenant's token", async () => {
    const teams = directory();
    expect(await teams.roleOf(TEAM, OWNER)).toBe('owner');
    expect(await teams.roleOf(TEAM, MEMBER)).toBe('member');
    expect(await teams.roleOf(TEAM, GUEST)).toBe('guest');
    expect(await teams.roleOf(TEAM, STRANGER)).toBeUndefined();
    expect(requests).toEqual(
      [OWNER, MEMBER, GUEST, STRANGER].map((userId) => ({
        path: `/v1.0/teams/${GROUP}/members`,
        userId,
        token: 'Bearer token-for-tenant-a',
      })),
    );
  });

  it('asks Graph once per person and team while the answer is fresh, a stranger included', async () => {
    const teams = directory();
    for (let i = 0; i < 3; i++) {
      expect(await teams.roleOf(TEAM, OWNER)).toBe('owner');
      expect(await teams.roleOf(TEAM, STRANGER)).toBeUndefined();
    }
    expect(requests.map((r) => r.userId)).toEqual([OWNER, STRANGER]);
  });

  it('knows nobody in a team it has no group id for, or whose group Graph does not know, and never asks about a malformed person id', async () => {
    expect(await directory({}).roleOf(TEAM, OWNER)).toBeUndefined();
    expect(await directory({ [TEAM.teamId]: undefined }).roleOf(TEAM, OWNER)).toBeUndefined();
    expect(await directory({ [TEAM.teamId]: 'not-a-group-id' }).roleOf(TEAM, OWNER)).toBeUndefined();
    expect(requests).toEqual([]);

    expect(await directory().roleOf(TEAM, "x' or 1 eq 1")).toBeUndefined();
    expect(requests).toEqual([]);

    expect(await directory({ [TEAM.teamId]: OTHER_GROUP }).roleOf(TEAM, OWNER)).toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it('says Graph is unavailable, without remembering it, when Graph fails or no token can be had', async () => {
    answer = () => ({ status: 503 });
    const teams = directory();
    await expect(teams.roleOf(TEAM, OWNER)).rejects.toBeInstanceOf(DependencyUnavailableError);
    answer = () => ({ status: 200, body: { value: [{ roles: ['owner'] }] } });
    expect(await teams.roleOf(TEAM, OWNER)).toBe('owner');

    const tokenless = new GraphTeamDirectory(
      { get: async (team) => ({ ...team, aadGroupId: GROUP, seenAt: '' }) },
      async () => Promise.reject(new Error('no Graph token')),
      graphUrl,
    );
    await expect(tokenless.roleOf(TEAM, MEMBER)).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
