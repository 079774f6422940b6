/*
 * What the tab needs from where it runs. Inside Teams this is backed by the Teams JS SDK;
 * outside (local development) by the browser. Views depend on this interface only, which
 * also keeps the SDK out of component tests.
 */

/** Teams' three themes. */
export type ThemeName = 'default' | 'dark' | 'contrast';

/** The channel the tab belongs to, as the resolve route wants it. */
export interface ChannelRef {
  teamId: string;
  channelId: string;
  channelName?: string;
}

/** Teams' save event of a configuration page. */
export interface SaveEvent {
  notifySuccess(): void;
  notifyFailure(reason: string): void;
}

/** The settings Teams stores for a configured tab. */
export interface TabSettings {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

/** A configuration page's hooks into Teams' "Save" button. */
export interface HostConfigPage {
  registerOnSave(handler: (event: SaveEvent) => void): void;
  setValidity(valid: boolean): void;
  setConfig(settings: TabSettings): Promise<void>;
}

/** The environment the tab runs in. */
export interface Host {
  /** Whether a Teams client hosts the tab. */
  readonly inTeams: boolean;
  /** BCP 47 locale for dates and numbers. */
  readonly locale: string;
  /**
   * The person's IANA time zone when the host knows it; else the browser's is used.
   * Teams does not tell tabs the zone, so only tests and screenshots set it.
   */
  readonly timeZone?: string;
  /** The theme at start; follow changes with {@link Host.onThemeChange}. */
  readonly theme: ThemeName;
  /** The channel from the Teams context; absent outside Teams or outside a channel. */
  readonly channel?: ChannelRef;
  /**
   * The card the tab was opened on, by a card's link: Teams' `page.subPageId` (the deep
   * link's `subEntityId`), or `?card=` outside Teams. Absent when none, or not a card id.
   */
  readonly startCardId?: string;
  /** A token for the service, or undefined when there is no Teams to ask. */
  getToken(): Promise<string | undefined>;
  /** Calls `handler` whenever the theme changes; returns an unsubscribe function. */
  onThemeChange(handler: (theme: ThemeName) => void): () => void;
  /** Opens a link the way the host prefers (Teams deep links stay inside Teams). */
  openLink(url: string): void;
  /** Present inside Teams only. */
  readonly configPage?: HostConfigPage;
}
