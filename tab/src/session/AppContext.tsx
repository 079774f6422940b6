import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { CommunityView, Me } from '../api/contract';
import type { Formatters } from '../format/formatters';
import type { ChannelRef, Host } from '../host/host';

/** Everything a view needs about the signed-in tab. */
export interface AppContextValue {
  host: Host;
  api: ApiClient;
  format: Formatters;
  me: Me;
  channel: ChannelRef;
  community: CommunityView;
  development: boolean;
  /** Replaces the community after a change (managers, name). */
  setCommunity(community: CommunityView): void;
  /** Reads the community again, for changes whose answer did not include it. */
  refreshCommunity(): Promise<void>;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

/** Provides the signed-in tab's context to the views. */
export const AppContextProvider = AppContext.Provider;

/** The signed-in tab's context; only usable below {@link AppContextProvider}. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp is used outside the signed-in tab.');
  return value;
}
