import { Button, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { BookOpenRegular, CalendarLtrRegular, PeopleCommunityRegular, SettingsRegular } from '@fluentui/react-icons';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { DevBanner } from '../components/DevBanner';
import { useMediaQuery } from '../hooks/useMediaQuery';
import { useApp } from '../session/AppContext';
import { KnowledgeView } from './knowledge/KnowledgeView';
import { ViewSkeleton } from './status/ViewSkeleton';
import { pageColumn } from '../components/sharedStyles';

// Not needed for the first paint: loaded when first opened, keeping the initial download small.
const loadCardDetail = () => import('./card/CardDetailPanel');
const CardDetailPanel = lazy(() => loadCardDetail().then((m) => ({ default: m.CardDetailPanel })));
const ContributorsView = lazy(() => import('./contributors/ContributorsView').then((m) => ({ default: m.ContributorsView })));
const RitualsView = lazy(() => import('./rituals/RitualsView').then((m) => ({ default: m.RitualsView })));
const SettingsDialog = lazy(() => import('./settings/SettingsDialog').then((m) => ({ default: m.SettingsDialog })));

/** The tab's views. */
export type TabView = 'knowledge' | 'contributors' | 'rituals';

const useStyles = makeStyles({
  page: pageColumn,
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  titleRow: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  heading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  settings: { flexShrink: 0, whiteSpace: 'nowrap' },
  title: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground2, margin: 0 },
  main: { ':focus': { outlineStyle: 'none' } },
  nav: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, overflowX: 'auto' },
});

/** The community tab: header, the Knowledge / Contributors / Rituals views and the card detail over them. */
export function TabPage({ initialView = 'knowledge' }: { initialView?: TabView }) {
  const styles = useStyles();
  const { community, development, me, host } = useApp();
  const [view, setView] = useState<TabView>(initialView);
  // Opened by a card's link, the tab starts on that card.
  const [openCardId, setOpenCardId] = useState<string | undefined>(host.startCardId);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  // Three tabs fit a phone's width without their icons.
  const narrow = useMediaQuery('(max-width: 480px)');

  // What had focus when a card opened: the drawer gives focus back to it on close.
  const openerRef = useRef<HTMLElement | null>(null);
  const openCard = (id: string) => {
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpenCardId(id);
  };

  const closeCard = () => {
    setOpenCardId(undefined);
    // The drawer returns focus to the card that opened it, not always by the next frame; and
    // when a change took that card out of the list (archived from Active, say), focus lands on
    // the view instead of nowhere.
    requestAnimationFrame(() => {
      if (document.activeElement !== document.body && document.activeElement) return;
      const opener = openerRef.current;
      (opener && opener !== document.body && opener.isConnected ? opener : mainRef.current)?.focus();
    });
  };

  useEffect(() => {
    document.title = `${community.name} · Commonplace`;
  }, [community.name]);

  useEffect(() => {
    // Fetch the detail's code once the page is idle, so the first card opens without a wait.
    const timer = setTimeout(() => void loadCardDetail().catch(() => undefined), 2000);
    return () => clearTimeout(timer);
  }, []);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        {development && <DevBanner personName={me.person.name} inTeams={host.inTeams} />}
        <div className={styles.titleRow}>
          <div className={styles.heading}>
            <Text as="h1" size={600} weight="semibold" className={styles.title} data-testid="community-name">
              {community.name}
            </Text>
            <Text as="p" size={300} className={styles.subtitle}>
              What this community has learned, saved from its conversations.
            </Text>
          </div>
          <Button
            appearance="subtle"
            className={styles.settings}
            icon={<SettingsRegular />}
            onClick={() => setSettingsOpen(true)}
            data-testid="settings-button"
          >
            Settings
          </Button>
        </div>
      </header>
      <nav aria-label="Community views" className={styles.nav}>
        <TabList selectedValue={view} onTabSelect={(_, data) => setView(data.value as TabView)} data-testid="view-tabs">
          <Tab value="knowledge" id="tab-knowledge" icon={narrow ? undefined : <BookOpenRegular />}>
            Knowledge
          </Tab>
          <Tab value="contributors" id="tab-contributors" icon={narrow ? undefined : <PeopleCommunityRegular />}>
            Contributors
          </Tab>
          <Tab value="rituals" id="tab-rituals" icon={narrow ? undefined : <CalendarLtrRegular />} data-testid="view-rituals">
            Rituals
          </Tab>
        </TabList>
      </nav>
      <main ref={mainRef} tabIndex={-1} className={styles.main}>
        <div role="tabpanel" aria-labelledby={`tab-${view}`}>
          {view === 'knowledge' && <KnowledgeView onOpenCard={openCard} />}
          {view === 'contributors' && (
            <Suspense fallback={<ViewSkeleton label="Loading contributors" />}>
              <ContributorsView onOpenCard={openCard} />
            </Suspense>
          )}
          {view === 'rituals' && (
            <Suspense fallback={<ViewSkeleton label="Loading rituals" />}>
              <RitualsView />
            </Suspense>
          )}
        </div>
      </main>
      <Suspense fallback={null}>
        {openCardId && <CardDetailPanel cardId={openCardId} onClose={closeCard} />}
        {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      </Suspense>
    </div>
  );
}
