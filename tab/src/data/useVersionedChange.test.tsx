import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/errors';
import { QueryClient } from './queryClient';
import { QueryClientProvider, useQuery } from './useQuery';
import { useVersionedChange } from './useVersionedChange';

interface Thing {
  id: string;
  title: string;
  version: string;
}

const problem = (status: number, body: object = {}) => ApiError.fromResponse(status, JSON.stringify({ title: 'Refused', status, ...body }));

/**
 * A thing shown in a panel (its own entry) and in a list (another entry), both read from
 * `server`, with the hook under test running changes to it.
 */
function setup(server: { thing: Thing; list: Thing[] }) {
  const client = new QueryClient();
  const reads = { thing: 0, list: 0 };
  const thingQuery = {
    queryKey: ['things', 'detail', 't1'],
    queryFn: async () => {
      reads.thing += 1;
      return { ...server.thing };
    },
  };
  const listQuery = {
    queryKey: ['things', 'list'],
    queryFn: async () => {
      reads.list += 1;
      return server.list.map((t) => ({ ...t }));
    },
  };
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const hook = renderHook(
    () => {
      const thing = useQuery(thingQuery);
      const list = useQuery(listQuery);
      const changes = useVersionedChange(thing.data, {
        queryKey: thingQuery.queryKey,
        read: thingQuery.queryFn,
        shownIn: [['things', 'list']],
        conflictMessage: 'Someone else changed it.',
        goneMessage: 'It was deleted.',
        fieldErrors: (error) => error.fieldErrors,
        fieldsMessage: 'See the fields.',
      });
      return { thing, list, ...changes };
    },
    { wrapper },
  );
  return { hook, reads };
}

async function loaded(hook: ReturnType<typeof setup>['hook']) {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  expect(hook.result.current.thing.data).toBeDefined();
}

describe('useVersionedChange', () => {
  it('shows the answer, and the list agrees before the panel says it is saved', async () => {
    const server = { thing: { id: 't1', title: 'Old', version: 'v1' }, list: [{ id: 't1', title: 'Old', version: 'v1' }] };
    const { hook, reads } = setup(server);
    await loaded(hook);
    const listReads = reads.list;

    let sent: Thing | undefined;
    await act(async () => {
      await hook.result.current.change(
        'edit',
        async (current) => {
          sent = current;
          server.thing = { id: 't1', title: 'New', version: 'v2' };
          server.list = [server.thing];
          return server.thing;
        },
        'Saved.',
      );
    });
    expect(sent?.version).toBe('v1');
    expect(hook.result.current.thing.data?.title).toBe('New');
    expect(hook.result.current.list.data?.map((t) => t.title)).toEqual(['New']);
    expect(reads.list).toBe(listReads + 1);
    expect(hook.result.current.notice).toEqual({ intent: 'success', text: 'Saved.' });
    expect(hook.result.current.busy).toBeUndefined();
  });

  it('reads the thing again when the change answered nothing', async () => {
    const server = { thing: { id: 't1', title: 'Old', version: 'v1' }, list: [] };
    const { hook } = setup(server);
    await loaded(hook);
    await act(async () => {
      await hook.result.current.change(
        'verify',
        async () => {
          server.thing = { ...server.thing, title: 'Verified', version: 'v2' };
        },
        'Verified.',
      );
    });
    expect(hook.result.current.thing.data).toEqual({ id: 't1', title: 'Verified', version: 'v2' });
  });

  it('on a 409 reads the latest version, warns, and leaves the change unmade', async () => {
    const server = { thing: { id: 't1', title: 'Mine', version: 'v1' }, list: [{ id: 't1', title: 'Mine', version: 'v1' }] };
    const { hook, reads } = setup(server);
    await loaded(hook);
    const thingReads = reads.thing;
    // Someone else renames it while it is open.
    server.thing = { id: 't1', title: 'Theirs', version: 'v7' };
    server.list = [server.thing];

    let result: Awaited<ReturnType<typeof hook.result.current.change>> | undefined;
    await act(async () => {
      result = await hook.result.current.change('edit', () => Promise.reject(problem(409)), 'Saved.');
    });
    expect(result).toEqual({ ok: false, conflict: true, gone: false, fieldErrors: {} });
    expect(reads.thing).toBe(thingReads + 1);
    expect(hook.result.current.thing.data).toEqual({ id: 't1', title: 'Theirs', version: 'v7' });
    expect(hook.result.current.list.data?.map((t) => t.title)).toEqual(['Theirs']);
    expect(hook.result.current.notice).toEqual({ intent: 'warning', text: 'Someone else changed it.' });
  });

  it('hands the service’s field messages to the form, with one notice for them', async () => {
    const { hook } = setup({ thing: { id: 't1', title: 'x', version: 'v1' }, list: [] });
    await loaded(hook);
    let result: Awaited<ReturnType<typeof hook.result.current.change>> | undefined;
    await act(async () => {
      result = await hook.result.current.change(
        'edit',
        () => Promise.reject(problem(400, { errors: [{ field: 'title', message: 'Too short.' }] })),
        'Saved.',
      );
    });
    expect(result).toEqual({ ok: false, conflict: false, gone: false, fieldErrors: { title: 'Too short.' } });
    expect(hook.result.current.notice).toEqual({ intent: 'error', text: 'See the fields.' });
  });

  it('says a thing deleted meanwhile is gone, and a delete of it is done', async () => {
    const { hook } = setup({ thing: { id: 't1', title: 'x', version: 'v1' }, list: [] });
    await loaded(hook);
    let changed: Awaited<ReturnType<typeof hook.result.current.change>> | undefined;
    let deleted: Awaited<ReturnType<typeof hook.result.current.change>> | undefined;
    await act(async () => {
      changed = await hook.result.current.change('pause', () => Promise.reject(problem(404)), 'Paused.');
    });
    expect(changed).toMatchObject({ ok: false, gone: true });
    expect(hook.result.current.notice).toEqual({ intent: 'error', text: 'It was deleted.' });
    await act(async () => {
      deleted = await hook.result.current.change('delete', () => Promise.reject(problem(404)), undefined, { deletes: true });
    });
    expect(deleted).toEqual({ ok: true });
  });

  it('runs one change at a time', async () => {
    const { hook } = setup({ thing: { id: 't1', title: 'x', version: 'v1' }, list: [] });
    await loaded(hook);
    let finish: () => void = () => undefined;
    const second = jest.fn(async () => undefined);
    let first: Promise<unknown> = Promise.resolve();
    act(() => {
      first = hook.result.current.change(
        'archive',
        () => new Promise<Thing>((resolve) => (finish = () => resolve({ id: 't1', title: 'x', version: 'v2' }))),
        'Archived.',
      );
    });
    expect(hook.result.current.busy).toBe('archive');
    await act(async () => {
      await expect(hook.result.current.change('verify', second, 'Verified.')).resolves.toMatchObject({ ok: false });
    });
    expect(second).not.toHaveBeenCalled();
    await act(async () => {
      finish();
      await first;
    });
    expect(hook.result.current.busy).toBeUndefined();
  });
});
