import { hashKey, QueryClient } from './queryClient';

/** A read whose answer the test gives, when it chooses. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('QueryClient', () => {
  it('gives equal filters one key, whatever their order and left-out values', () => {
    expect(hashKey(['cards', { status: 'active', q: undefined }])).toBe(hashKey(['cards', { q: undefined, status: 'active' }]));
    expect(hashKey(['cards', { status: 'active' }])).not.toBe(hashKey(['cards', { status: 'archived' }]));
  });

  it('hands a prefetched answer to the view that shows it, without reading again', async () => {
    const client = new QueryClient();
    const read = jest.fn(async () => ['a']);
    client.prefetch({ queryKey: ['tags'], queryFn: read });
    const stop = client.query({ queryKey: ['tags'], queryFn: read }).show();
    await client.query({ queryKey: ['tags'], queryFn: read }).pending;
    expect(read).toHaveBeenCalledTimes(1);
    expect(client.getQueryState(['tags'])?.data).toEqual(['a']);
    stop();
    // Shown again later, it is read again.
    client.query({ queryKey: ['tags'], queryFn: read }).show();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('drops an answer to an older read that arrives after a newer one', async () => {
    const client = new QueryClient();
    const first = deferred<string>();
    const second = deferred<string>();
    const query = client.query({ queryKey: ['card', 'c1'], queryFn: () => first.promise });
    const one = query.fetch(() => first.promise);
    const two = query.fetch(() => second.promise);
    second.resolve('new');
    await two;
    first.resolve('old');
    await one;
    expect(query.state.data).toBe('new');
  });

  it('keeps what it showed when reading again fails, with the error beside it', async () => {
    const client = new QueryClient();
    const query = client.query({ queryKey: ['rituals'], queryFn: async () => 'list' });
    await query.fetch(async () => 'list');
    await query.fetch(() => Promise.reject(new Error('offline')));
    expect(query.state).toMatchObject({ data: 'list', error: new Error('offline'), fetching: false });
  });

  it('has no data and an error when the first read fails; reading again starts from loading', async () => {
    const client = new QueryClient();
    const answer = deferred<string>();
    const query = client.query({ queryKey: ['me'], queryFn: () => answer.promise });
    await query.fetch(() => Promise.reject(new Error('503')));
    expect(query.state).toMatchObject({ status: 'error', data: undefined });
    const again = client.refetch(['me']);
    expect(query.state).toMatchObject({ status: 'pending', error: undefined, fetching: true });
    answer.resolve('me');
    await again;
    expect(query.state).toMatchObject({ status: 'success', data: 'me' });
  });

  it('reads again the shown entries under an invalidated key, and the others only when shown', async () => {
    const client = new QueryClient();
    const reads: string[] = [];
    const options = (name: string) => ({
      queryKey: ['community', 'k', 'cards', 'list', { status: name }],
      queryFn: async () => {
        reads.push(name);
        return name;
      },
    });
    client.query(options('active')).show();
    const archived = client.query(options('archived'));
    await archived.fetch(options('archived').queryFn);
    const ritual = client.query({ queryKey: ['community', 'k', 'rituals', 'list'], queryFn: async () => 'rituals' });
    ritual.show();
    reads.length = 0;

    await client.invalidate(['community', 'k', 'cards', 'list']);
    expect(reads).toEqual(['active']);
    expect(client.getQueryState(['community', 'k', 'cards', 'list', { status: 'active' }])?.data).toBe('active');
    archived.show();
    expect(reads).toEqual(['active', 'archived']);
  });

  it('reads again, when shown, an entry invalidated while a read of it was under way', async () => {
    const client = new QueryClient();
    const before = deferred<string>();
    const reads: string[] = [];
    const options = {
      queryKey: ['community', 'k', 'tags'],
      queryFn: () => {
        reads.push('read');
        return reads.length === 1 ? before.promise : Promise.resolve('after the change');
      },
    };
    client.prefetch(options);
    await client.invalidate(['community', 'k']);
    before.resolve('before the change');
    await Promise.resolve();
    const query = client.query(options);
    query.show();
    await query.pending;
    expect(reads).toHaveLength(2);
    expect(query.state.data).toBe('after the change');
  });

  it('takes what a change answered over a read started before it', async () => {
    const client = new QueryClient();
    const before = deferred<{ title: string }>();
    const query = client.query({ queryKey: ['card', 'c1'], queryFn: () => before.promise });
    const reading = query.fetch(() => before.promise);
    client.setQueryData(['card', 'c1'], { title: 'Saved' });
    before.resolve({ title: 'Read before the save' });
    await reading;
    expect(query.state.data).toEqual({ title: 'Saved' });
  });
});
