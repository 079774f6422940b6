/** How long channel thread messages are kept so a harvest can include the thread. */
export const THREAD_RETENTION_DEFAULT_DAYS = 30;
