import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { STORAGE_DEFAULTS, type StorageConfig, type StorageTimeouts } from '../config/config';
import { guardStorage } from './errors';

/** The tables Commonplace uses. */
export interface Tables {
  /** Cards, one row each, partitioned by community. */
  cards: TableClient;
  /** Newest-first listing of each community's cards, and the tags it uses. */
  recent: TableClient;
  /** What search knows of each card, one partition per community: an index is built from it. */
  searchDocs: TableClient;
  /** Each community's search documents again, keyed by time of change, for other instances to catch up. */
  searchChanges: TableClient;
  /** Searches that found nothing, counted per community by their text. */
  searchGaps: TableClient;
  /** Who harvested and who was credited, per community. */
  contributions: TableClient;
  /** Recent channel thread messages, partitioned by thread. */
  threads: TableClient;
  /** Which thread messages expire on which day, partitioned by day, for purging. */
  retention: TableClient;
  /** Each community's profile: its name, managers and review interval. */
  communities: TableClient;
  /** Teams the bot is in, with what is needed to ask who belongs to them. */
  teams: TableClient;
  /** Root posts of channels tracked as questions (or markers of ones that are not), partitioned by community. */
  questions: TableClient;
  /** What each question adds to the figures of the week it was asked in, partitioned by community and week. */
  questionContributions: TableClient;
  /** Each community's question figures, one row per week. */
  questionFigures: TableClient;
  /** Each community's rituals, partitioned by community. */
  rituals: TableClient;
  /** Questions, problems and sign-ups members bring to an occurrence, partitioned by occurrence. */
  ritualItems: TableClient;
  /** Channels the bot can post into, with why reminders stopped if they did. */
  channels: TableClient;
  /** Posts due at a time (reminders, openers, follow-ups), keyed by when they are due. */
  jobs: TableClient;
  /** What became of each job, by its key: posted, dropped or failed. */
  jobLog: TableClient;
  /** Which instance posts into which conversations now, and what Teams' windows still count there. */
  conversationLeases: TableClient;
}

/** How the tables are reached, beyond where. */
export interface OpenTablesOptions {
  /** How long storage calls may take, and how they retry; STORAGE_DEFAULTS if absent. */
  timeouts?: StorageTimeouts;
  /**
   * The identity every table client reaches an account URL with: the service passes its one
   * credential. Without it, one is made for this opening and shared by all its tables.
   */
  credential?: TokenCredential;
}

/**
 * Opens clients for every table; creates nothing. Teams gives a message extension five
 * seconds in all, so every attempt of every call is given up after `timeouts.attemptTimeoutMs`
 * (storage that accepts connections and never answers would otherwise hold each request, and
 * the health probe, for as long as it stalls), and calls retry quickly rather than wait out
 * the SDK's default back-off.
 */
export function openTables(storage: StorageConfig, prefix: string, options: OpenTablesOptions = {}): Tables {
  const timeouts = options.timeouts ?? STORAGE_DEFAULTS;
  const retryOptions = {
    maxRetries: timeouts.maxRetries,
    retryDelayInMs: timeouts.retryDelayMs,
    maxRetryDelayInMs: timeouts.maxRetryDelayMs,
  };
  const connect = tableClients(storage, options.credential, { retryOptions });
  const open = (name: string): TableClient => {
    const client = connect(`${prefix}${name}`);
    client.pipeline.addPolicy({
      name: 'commonplaceAttemptTimeout',
      // The HTTP client aborts an attempt still without a response after `timeout` ms; the abort
      // is not retried, so the caller hears of it at once (as StorageUnavailableError, see guardStorage).
      sendRequest: (request, next) => {
        if (!request.timeout || request.timeout > timeouts.attemptTimeoutMs) request.timeout = timeouts.attemptTimeoutMs;
        return next(request);
      },
    });
    return client;
  };
  return {
    cards: open('Cards'),
    recent: open('Recent'),
    searchDocs: open('SearchDocs'),
    searchChanges: open('SearchChanges'),
    searchGaps: open('SearchGaps'),
    contributions: open('Contributions'),
    threads: open('Threads'),
    retention: open('Retention'),
    communities: open('Communities'),
    teams: open('Teams'),
    questions: open('Questions'),
    questionContributions: open('QuestionContributions'),
    questionFigures: open('QuestionFigures'),
    rituals: open('Rituals'),
    ritualItems: open('RitualItems'),
    channels: open('Channels'),
    jobs: open('Jobs'),
    jobLog: open('JobLog'),
    conversationLeases: open('ConversationLeases'),
  };
}

/** Makes a client per table name; every client of an account URL shares one credential. */
function tableClients(
  storage: StorageConfig,
  credential: TokenCredential | undefined,
  clientOptions: TableServiceClientOptions,
): (tableName: string) => TableClient {
  if (storage.kind === 'connectionString') {
    const allowInsecureConnection = /DefaultEndpointsProtocol=http;|Endpoint=http:/i.test(storage.connectionString);
    return (tableName) =>
      TableClient.fromConnectionString(storage.connectionString, tableName, { ...clientOptions, allowInsecureConnection });
  }
  const identity = credential ?? new DefaultAzureCredential();
  return (tableName) => new TableClient(storage.accountUrl, tableName, identity, clientOptions);
}

/** Creates the tables if needed. Called once at start, never per request. */
export async function ensureTables(tables: Tables): Promise<void> {
  const all = Object.values(tables) as TableClient[];
  await guardStorage('create tables', () => Promise.all(all.map((t) => t.createTable())));
}

/** Whether storage answers: one tiny read, used by the health probe. */
export async function storageReachable(tables: Tables): Promise<boolean> {
  try {
    const pages = tables.cards.listEntities({ queryOptions: { select: ['PartitionKey'] } }).byPage({ maxPageSize: 1 });
    await pages.next();
    return true;
  } catch {
    return false;
  }
}
