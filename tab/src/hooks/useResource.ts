import { useCallback, useEffect, useRef, useState } from 'react';

/** A read in progress, done, or failed. */
export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

/**
 * Loads `load()` whenever `deps` change, and on `reload()`. An answer that arrives after a
 * newer request started is dropped, so quick filter changes never show stale data.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): [Resource<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const id = ++latest.current;
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => {
        if (id === latest.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (id === latest.current) setState({ status: 'error', error });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return [state, reload, replace];
}
