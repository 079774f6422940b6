/*
 * The tab's one cache of server state: every read is kept under an explicit key (see
 * queryKeys.ts), views that show the same thing share one entry, and a change invalidates
 * the entries it touched so every view reads them again. Small on purpose: the first page's
 * JavaScript budget has no room for a general-purpose query library.
 */

/** A cache key, widest part first: `['community', key, 'cards', 'list', filters]`. */
export type QueryKey = readonly unknown[];

/** How to read one entry. `previous` is what it holds now (a list's loaded pages, say). */
export interface QueryOptions<T> {
  queryKey: QueryKey;
  queryFn: (previous: T | undefined) => Promise<T>;
}

/**
 * One entry as views see it: `data` stays while it is read again, and also when reading it
 * again failed (`error` then says why); without data, `status` is 'pending' or 'error'.
 */
export interface QueryState<T> {
  status: 'pending' | 'error' | 'success';
  data: T | undefined;
  error: unknown;
  fetching: boolean;
}

/** Keys as text, object properties sorted and undefined ones left out, so equal filters share an entry. */
export function hashKey(key: QueryKey): string {
  return JSON.stringify(key, (_, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

function startsWith(key: QueryKey, prefix: QueryKey): boolean {
  return prefix.length <= key.length && hashKey(key.slice(0, prefix.length)) === hashKey(prefix);
}

/** One cache entry, with the views showing it. */
export class Query<T> {
  state: QueryState<T> = { status: 'pending', data: undefined, error: undefined, fetching: false };
  /** How the views showing it read it; set by the first of them (or a prefetch). */
  read?: (previous: T | undefined) => Promise<T>;
  private readonly listeners = new Set<() => void>();
  private views = 0;
  /** Read since it was last invalidated or left by every view: a view opening now can use it as it is. */
  private fresh = false;
  private inFlight?: Promise<void>;
  /** The latest read started: an answer to an earlier one is dropped, so what shows is never older than what was asked last. */
  private latest = 0;

  constructor(readonly key: QueryKey) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): QueryState<T> => this.state;

  /** A view starts showing the entry: it is read unless a read is under way or what it holds is fresh. */
  show(): () => void {
    this.views += 1;
    if (!this.fresh && !this.inFlight && this.read) void this.fetch(this.read);
    return () => {
      this.views -= 1;
      // A view opened later reads again, so it never shows what another view read long ago.
      if (this.views === 0) this.fresh = false;
    };
  }

  get shown(): boolean {
    return this.views > 0;
  }

  /** Reads the entry with `read`; never rejects: a failure is kept in the state. */
  fetch(read: (previous: T | undefined) => Promise<T>): Promise<void> {
    const id = ++this.latest;
    const hasData = this.state.data !== undefined;
    this.set(hasData ? { ...this.state, fetching: true } : { status: 'pending', data: undefined, error: undefined, fetching: true });
    const done = read(this.state.data).then(
      (data) => {
        if (id !== this.latest) return;
        this.fresh = true;
        this.set({ status: 'success', data, error: undefined, fetching: false });
      },
      (error: unknown) => {
        if (id !== this.latest) return;
        this.set({ ...this.state, status: this.state.data === undefined ? 'error' : 'success', error, fetching: false });
      },
    );
    this.inFlight = done.finally(() => {
      if (id === this.latest) this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The read under way, if any, for a prefetch not to start a second one. */
  get pending(): Promise<void> | undefined {
    return this.inFlight;
  }

  setData(data: T): void {
    // A read started before this answer would be older than it.
    this.latest += 1;
    this.inFlight = undefined;
    this.fresh = true;
    this.set({ status: 'success', data, error: undefined, fetching: false });
  }

  invalidate(): Promise<void> {
    this.fresh = false;
    if (this.views > 0 && this.read) return this.fetch(this.read);
    if (this.inFlight) {
      // A read under way started before the change, so its answer may not show it: dropped,
      // and the next view to show the entry reads it again.
      this.latest += 1;
      this.inFlight = undefined;
      this.set({ ...this.state, fetching: false });
    }
    return Promise.resolve();
  }

  private set(state: QueryState<T>): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** The cache itself; one per open tab. */
export class QueryClient {
  private readonly queries = new Map<string, Query<unknown>>();

  /** The entry for `options.queryKey`, made on first use; its read is the latest one given. */
  query<T>(options: QueryOptions<T>): Query<T> {
    const hash = hashKey(options.queryKey);
    let query = this.queries.get(hash) as Query<T> | undefined;
    if (!query) {
      query = new Query<T>(options.queryKey);
      this.queries.set(hash, query as Query<unknown>);
    }
    query.read = options.queryFn;
    return query;
  }

  getQueryState<T>(key: QueryKey): QueryState<T> | undefined {
    return (this.queries.get(hashKey(key)) as Query<T> | undefined)?.state;
  }

  /** Puts what a change answered into the cache; an updater gets what is there (and may leave it alone). */
  setQueryData<T>(key: QueryKey, data: T | ((current: T | undefined) => T | undefined)): void {
    const hash = hashKey(key);
    let query = this.queries.get(hash) as Query<T> | undefined;
    const next = typeof data === 'function' ? (data as (current: T | undefined) => T | undefined)(query?.state.data) : data;
    if (next === undefined || next === query?.state.data) return;
    if (!query) {
      query = new Query<T>(key);
      this.queries.set(hash, query as Query<unknown>);
    }
    query.setData(next);
  }

  /** Starts reading an entry ahead of the view that will show it; that view then uses the answer. */
  prefetch<T>(options: QueryOptions<T>): void {
    const query = this.query(options);
    if (!query.pending) void query.fetch(options.queryFn);
  }

  /** Reads one entry with a one-off read (a list's next page, say). */
  fetch<T>(key: QueryKey, read: (previous: T | undefined) => Promise<T>): Promise<void> {
    const query = this.queries.get(hashKey(key)) as Query<T> | undefined;
    return query ? query.fetch(read) : Promise.resolve();
  }

  /** Reads one entry again now, whether or not a view shows it. */
  refetch(key: QueryKey): Promise<void> {
    const query = this.queries.get(hashKey(key));
    return query?.read ? query.fetch(query.read) : Promise.resolve();
  }

  /**
   * Marks every entry under `prefix` out of date: those a view shows are read again (the
   * promise settles once they are), the others when a view next shows them.
   */
  invalidate(prefix: QueryKey): Promise<void> {
    const reads = [...this.queries.values()].filter((query) => startsWith(query.key, prefix)).map((query) => query.invalidate());
    return Promise.all(reads).then(() => undefined);
  }
}
