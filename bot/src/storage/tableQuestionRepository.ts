import { odata, type TableClient } from '@azure/data-tables';
import type { ExplicitDecision, FirstResponse, MarkedAnswer, Question } from '../domain/questions/question';
import { DURATION_BUCKETS_MINUTES, LADDER_STEPS, type QuestionContribution, type WeekFigures } from '../domain/questions/questionFigures';
import type { QuestionFigureRepository, QuestionRepository } from '../domain/questions/questionPorts';
import { ConflictError } from '../domain/shared/errors';
import type { Person } from '../domain/shared/person';
import { findRow, type StoredRow } from './findRow';
import { guardStorage, tableStatus } from './errors';
import { parseJson } from './json';
import { composeKey, escapeKeyPart } from './keys';

/*
 *   Questions              PK <community>         RK <root message id>   asker, times, terms, responses, answer
 *   QuestionContributions  PK <community>|<week>  RK <root message id>   what the question adds to its week
 *   QuestionFigures        PK <community>         RK <week>              the week's counts and duration buckets
 *
 * A week's figures are one row, so a year of them is one range read of 52 rows however
 * many questions there were. They are rewritten from the week's contributions (one
 * partition) at the ETag read before reading those, so concurrent writers never lose a count.
 */

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function numbers(value: unknown, length: number): number[] {
  const parsed = parseJson<unknown>(value, []);
  const list = Array.isArray(parsed) ? parsed.map((n) => (typeof n === 'number' && Number.isFinite(n) ? n : 0)) : [];
  return Array.from({ length }, (_, i) => list[i] ?? 0);
}

/** Conditional writes of one row: created when it has no version, replaced at its version otherwise. */
async function writeAt(
  table: TableClient,
  entity: Record<string, unknown> & { partitionKey: string; rowKey: string },
  version: string | undefined,
  what: string,
): Promise<string> {
  try {
    const written = version ? await table.updateEntity(entity, 'Replace', { etag: version }) : await table.createEntity(entity);
    return written.etag!;
  } catch (error) {
    // 412: changed since read; 409: created by someone else; 404: gone since read.
    const status = tableStatus(error);
    if (status === 412 || status === 409 || (version && status === 404)) throw new ConflictError('question');
    return guardStorage(what, () => Promise.reject(error));
  }
}

/** Questions in Table storage, one row per root message, written conditionally. */
export class TableQuestionRepository implements QuestionRepository {
  constructor(private readonly table: TableClient) {}

  async get(communityId: string, messageId: string): Promise<Question | undefined> {
    return guardStorage('read a question', async () => {
      const row = await findRow(this.table, escapeKeyPart(communityId), escapeKeyPart(messageId));
      return row && questionOf(communityId, messageId, row);
    });
  }

  async save(question: Question): Promise<Question> {
    const entity = {
      partitionKey: escapeKeyPart(question.communityId),
      rowKey: escapeKeyPart(question.messageId),
      communityId: question.communityId,
      messageId: question.messageId,
      tracked: question.tracked,
      terms: JSON.stringify(question.terms),
      escalatedSteps: question.escalatedSteps,
      ...(question.asker ? { asker: JSON.stringify(question.asker) } : {}),
      ...(question.askedAt ? { askedAt: question.askedAt } : {}),
      ...(question.explicit ? { explicit: JSON.stringify(question.explicit) } : {}),
      ...(question.contentFrom ? { contentFrom: question.contentFrom } : {}),
      ...(question.contentAt ? { contentAt: question.contentAt } : {}),
      ...(question.firstResponse ? { firstResponse: JSON.stringify(question.firstResponse) } : {}),
      ...(question.answer ? { answer: JSON.stringify(question.answer) } : {}),
      ...(question.deletedAt ? { deletedAt: question.deletedAt } : {}),
      ...(question.countedWeek ? { countedWeek: question.countedWeek } : {}),
      ...(question.figuresPending !== undefined ? { figuresPending: question.figuresPending } : {}),
    };
    const version = await writeAt(this.table, entity, question.version, 'save a question');
    return { ...question, version };
  }
}

function questionOf(communityId: string, messageId: string, row: StoredRow): Question {
  const asker = parseJson<Person | undefined>(row.asker, undefined);
  const explicit = parseJson<ExplicitDecision | undefined>(row.explicit, undefined);
  const firstResponse = parseJson<FirstResponse | undefined>(row.firstResponse, undefined);
  const answer = parseJson<MarkedAnswer | undefined>(row.answer, undefined);
  const contentFrom = row.contentFrom === 'post' || row.contentFrom === 'edit' ? row.contentFrom : undefined;
  const optional = {
    askedAt: optionalString(row.askedAt),
    contentAt: optionalString(row.contentAt),
    deletedAt: optionalString(row.deletedAt),
    countedWeek: optionalString(row.countedWeek),
  };
  return {
    communityId,
    messageId,
    ...(asker ? { asker } : {}),
    ...(optional.askedAt ? { askedAt: optional.askedAt } : {}),
    tracked: row.tracked === true,
    ...(explicit ? { explicit } : {}),
    terms: parseJson<string[]>(row.terms, []),
    ...(contentFrom ? { contentFrom } : {}),
    ...(optional.contentAt ? { contentAt: optional.contentAt } : {}),
    ...(firstResponse ? { firstResponse } : {}),
    ...(answer ? { answer } : {}),
    escalatedSteps: typeof row.escalatedSteps === 'number' ? row.escalatedSteps : 0,
    ...(optional.deletedAt ? { deletedAt: optional.deletedAt } : {}),
    ...(optional.countedWeek ? { countedWeek: optional.countedWeek } : {}),
    ...(typeof row.figuresPending === 'boolean' ? { figuresPending: row.figuresPending } : {}),
    version: row.etag,
  };
}

const BUCKETS = DURATION_BUCKETS_MINUTES.length + 1;

/** Weekly question figures in Table storage, with what each question adds to its week. */
export class TableQuestionFigureRepository implements QuestionFigureRepository {
  constructor(
    private readonly contributionTable: TableClient,
    private readonly weekTable: TableClient,
  ) {}

  async putContribution(c: QuestionContribution): Promise<void> {
    await guardStorage('count a question', () =>
      this.contributionTable.upsertEntity(
        {
          partitionKey: composeKey(c.communityId, c.week),
          rowKey: escapeKeyPart(c.messageId),
          communityId: c.communityId,
          week: c.week,
          messageId: c.messageId,
          counted: c.counted,
          answered: c.answered,
          answeredWithinDay: c.answeredWithinDay,
          waiting: c.waiting,
          withoutResponse: c.withoutResponse,
          escalatedSteps: c.escalatedSteps,
          // Int64 would come back as a string; durations in ms fit a double exactly.
          ...(c.firstResponseMs !== undefined ? { firstResponseMs: c.firstResponseMs } : {}),
          ...(c.answerMs !== undefined ? { answerMs: c.answerMs } : {}),
        },
        'Replace',
      ),
    );
  }

  async contributions(communityId: string, week: string): Promise<QuestionContribution[]> {
    const partitionKey = composeKey(communityId, week);
    return guardStorage('read a week’s questions', async () => {
      const found: QuestionContribution[] = [];
      const rows = this.contributionTable.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` },
      });
      for await (const row of rows) {
        found.push({
          communityId,
          week,
          messageId: String(row.messageId ?? ''),
          counted: row.counted === true,
          answered: row.answered === true,
          answeredWithinDay: row.answeredWithinDay === true,
          waiting: row.waiting === true,
          withoutResponse: row.withoutResponse === true,
          ...(typeof row.firstResponseMs === 'number' ? { firstResponseMs: row.firstResponseMs } : {}),
          ...(typeof row.answerMs === 'number' ? { answerMs: row.answerMs } : {}),
          escalatedSteps: typeof row.escalatedSteps === 'number' ? row.escalatedSteps : 0,
        });
      }
      return found;
    });
  }

  async getWeek(communityId: string, week: string): Promise<WeekFigures | undefined> {
    return guardStorage('read a week’s figures', async () => {
      const row = await findRow(this.weekTable, escapeKeyPart(communityId), week);
      return row && weekOf(communityId, row);
    });
  }

  async saveWeek(figures: WeekFigures): Promise<WeekFigures> {
    const entity = {
      partitionKey: escapeKeyPart(figures.communityId),
      rowKey: figures.week,
      week: figures.week,
      asked: figures.asked,
      answered: figures.answered,
      answeredWithinDay: figures.answeredWithinDay,
      waiting: figures.waiting,
      withoutResponse: figures.withoutResponse,
      firstResponseBuckets: JSON.stringify(figures.firstResponseBuckets),
      answerBuckets: JSON.stringify(figures.answerBuckets),
      escalated: JSON.stringify(figures.escalated),
    };
    const version = await writeAt(this.weekTable, entity, figures.version, 'save a week’s figures');
    return { ...figures, version };
  }

  async weeks(communityId: string, fromWeek: string, toWeek: string): Promise<WeekFigures[]> {
    const partitionKey = escapeKeyPart(communityId);
    return guardStorage('read weeks of figures', async () => {
      const found: WeekFigures[] = [];
      const rows = this.weekTable.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and RowKey ge ${fromWeek} and RowKey le ${toWeek}` },
      });
      for await (const row of rows) found.push(weekOf(communityId, row as StoredRow));
      return found.sort((a, b) => a.week.localeCompare(b.week));
    });
  }
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function weekOf(communityId: string, row: StoredRow): WeekFigures {
  return {
    communityId,
    week: String(row.rowKey ?? row.week),
    asked: count(row.asked),
    answered: count(row.answered),
    answeredWithinDay: count(row.answeredWithinDay),
    waiting: count(row.waiting),
    withoutResponse: count(row.withoutResponse),
    firstResponseBuckets: numbers(row.firstResponseBuckets, BUCKETS),
    answerBuckets: numbers(row.answerBuckets, BUCKETS),
    escalated: numbers(row.escalated, LADDER_STEPS),
    version: row.etag,
  };
}
