import { Button, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { BookOpenRegular, PeopleCommunityRegular, SettingsRegular } from '@fluentui/react-icons';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { CardListItem } from '../api/contract';
import { DevBanner } from '../components/DevBanner';
import { useApp } from '../session/AppContext';
import { KnowledgeView } from './knowledge/KnowledgeView';
import { ViewSkeleton } from './status/ViewSkeleton';
import { pageColumn } from '../components/sharedStyles';

// Not needed for the first paint: loaded when first opened, keeping the initial download small.
const loadCardDetail = () => import('./card/CardDetailPanel');
const CardDetailPanel = lazy(() => loadCardDetail().then((m) => ({ default: m.CardDetailPanel })));
const ContributorsView = lazy(() => import('./contributors/ContributorsView').then((m) => ({ default: m.ContributorsView })));
const SettingsDialog = lazy(() => import('./settings/SettingsDialog').then((m) => ({ default: m.SettingsDialog })));

/** The tab's two views. */
export type TabView = 'knowledge' | 'contributors';

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

/** The community tab: header, the Knowledge / Contributors views and the card detail over them. */
export function TabPage({ initialView = 'knowledge' }: { initialView?: TabView }) {
  const styles = useStyles();
  const { community, development, me, host } = useApp();
  const [view, setView] = useState<TabView>(initialView);
  const [openCardId, setOpenCardId] = useState<string>();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [changedCard, setChangedCard] = useState<CardListItem>();
  const mainRef = useRef<HTMLElement>(null);

  const closeCard = () => {
    setOpenCardId(undefined);
    // The drawer returns focus to the card that opened it; when a change took that card out
    // of the list (archived from Active, say), focus lands on the view instead of nowhere.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body || !document.activeElement) mainRef.current?.focus();
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
          <Tab value="knowledge" id="tab-knowledge" icon={<BookOpenRegular />}>
            Knowledge
          </Tab>
          <Tab value="contributors" id="tab-contributors" icon={<PeopleCommunityRegular />}>
            Contributors
          </Tab>
        </TabList>
      </nav>
      <main ref={mainRef} tabIndex={-1} className={styles.main}>
        <div role="tabpanel" aria-labelledby={`tab-${view}`}>
        {view === 'knowledge' && <KnowledgeView onOpenCard={setOpenCardId} changedCard={changedCard} />}
        {view === 'contributors' && (
          <Suspense fallback={<ViewSkeleton label="Loading contributors" />}>
            <ContributorsView onOpenCard={setOpenCardId} />
          </Suspense>
        )}
        </div>
      </main>
      <Suspense fallback={null}>
        {openCardId && (
          <CardDetailPanel cardId={openCardId} onClose={closeCard} onCardChanged={setChangedCard} />
        )}
        {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      </Suspense>
    </div>
  );
}
