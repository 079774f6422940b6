import type { CardRepository } from '../domain/cards/cardPorts';
import type { CommunityRepository } from '../domain/communities/communityPorts';
import type { ContributionRepository } from '../domain/contributors/contributorPorts';
import type { InstalledChannels, TeamInstallations, TeamLookup } from '../domain/installation/installation';
import type { ChannelTargets, ReminderChannels, RitualItemRepository, RitualRepository } from '../domain/rituals/ritualPorts';
import type { ThreadRepository } from '../domain/threads/threadPorts';
import type { CardSearchEngine, KnowledgeGaps } from '../domain/search/searchPorts';
import type { SearchEngineOptions } from '../search/searchEngine';
import type { QuestionFigureRepository, QuestionRepository } from '../domain/questions/questionPorts';
import type { CardIndexer, CardIndexerOptions } from './cardIndexer';
import { tableCardStore } from './tableCardRepository';
import { TableChannelRegistry } from './tableChannelRegistry';
import { TableCommunityRepository } from './tableCommunityRepository';
import { TableContributionRepository } from './tableContributionRepository';
import { TableRitualItemRepository } from './tableRitualItemRepository';
import { TableRitualRepository } from './tableRitualRepository';
import { TableTeamRegistry } from './tableTeamRegistry';
import { TableThreadRepository } from './tableThreadRepository';
import { TableQuestionFigureRepository, TableQuestionRepository } from './tableQuestionRepository';
import type { Tables } from './tables';

/** Every repository of the service, as the ports the rest of it knows them by. */
export interface Repositories {
  cards: CardRepository;
  /** Writes cards' derived rows in the background; the service runs its sweep. */
  indexer: CardIndexer;
  /** The cards' search engine, kept current by the indexer. */
  search: CardSearchEngine;
  /** The change log other instances follow; housekeeping prunes it. */
  searchDocuments: { pruneChanges(before: Date): Promise<number> };
  /** Searches that found nothing, counted per community. */
  gaps: KnowledgeGaps;
  threads: ThreadRepository;
  communities: CommunityRepository;
  contributions: ContributionRepository;
  teams: TeamInstallations & TeamLookup;
  channels: ReminderChannels & ChannelTargets & InstalledChannels;
  rituals: RitualRepository;
  ritualItems: RitualItemRepository;
  questions: QuestionRepository;
  questionFigures: QuestionFigureRepository;
}

/** The repositories on Table storage, each built once, over the service's one set of table clients. */
export function tableRepositories(
  tables: Tables,
  htmlToText: (html: string) => string,
  options: CardIndexerOptions & { search?: Partial<SearchEngineOptions> } = {},
): Repositories {
  const { cards, indexer, search, searchDocuments, gaps } = tableCardStore(tables, htmlToText, options);
  const teams = new TableTeamRegistry(tables.teams);
  return {
    cards,
    indexer,
    search,
    searchDocuments,
    gaps,
    threads: new TableThreadRepository(tables.threads, tables.retention, htmlToText),
    communities: new TableCommunityRepository(tables.communities),
    contributions: new TableContributionRepository(tables.contributions),
    teams,
    channels: new TableChannelRegistry(tables.channels, teams),
    rituals: new TableRitualRepository(tables.rituals),
    ritualItems: new TableRitualItemRepository(tables.ritualItems),
    questions: new TableQuestionRepository(tables.questions),
    questionFigures: new TableQuestionFigureRepository(tables.questionContributions, tables.questionFigures),
  };
}
