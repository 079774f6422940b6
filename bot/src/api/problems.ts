import type { Response } from 'express';
import type { ZodError } from 'zod';
import {
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  NotFoundError,
  StorageUnavailableError,
  ValidationError,
  type FieldIssue,
  type ForbiddenSubject,
  type Subject,
} from '../domain/shared/errors';
import type { LogFields, Logger } from '../logging';
import type { Problem } from './contract';

/** Writes an `application/problem+json` answer. */
export function sendProblem(res: Response, problem: Problem & Record<string, unknown>): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', ...problem }));
}

/** Field problems of a request that did not match its schema, worded for people. */
export function issuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message }));
}

/**
 * What the caller of a request that could not be read at all is told: a body that is not
 * JSON or is too large, an address that does not decode. Undefined for any other failure.
 * Shared by the API and the bot endpoint, whose body parsers fail the same ways.
 */
export function unreadableRequestProblem(error: unknown): Problem | undefined {
  // Express's router throws a URIError for a path segment that is not valid percent-encoded UTF-8.
  if (error instanceof URIError) return { title: 'Bad request', status: 400, detail: 'The address holds characters that are not valid.' };
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  switch (type) {
    case 'entity.too.large':
      return { title: 'Too large', status: 413, detail: 'The request body is too large.' };
    case 'entity.parse.failed':
      return { title: 'Bad request', status: 400, detail: 'The request body is not valid JSON.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { title: 'Unsupported body', status: 415, detail: 'The request body must be JSON in UTF-8.' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500)
    return { title: 'Bad request', status, detail: 'The request could not be read.' };
  return undefined;
}

/** How the API names each subject of a failure in its sentences. */
const SUBJECT_NAMES: Record<Subject, string> = {
  card: 'card',
  community: 'community',
  ritual: 'ritual',
  occurrence: 'session',
  item: 'entry',
  manager: 'manager',
  page: 'page',
  question: 'question',
};

/** What the API says a caller may not do, and who may. */
const FORBIDDEN_DETAILS: Record<ForbiddenSubject, string> = {
  card: "You are not allowed to change this card. Ask its owner or one of the community's managers.",
  community: "Only the community's managers can rename it or change who manages it.",
  ritual: "Only the community's managers can create, change or delete its rituals.",
  item: "Only the entry's author or one of the community's managers can remove it.",
  question: "Only the person who asked or one of the community's managers can decide about this question and its answer.",
};

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The one place the API turns a failure into what the caller sees. Domain errors
 * become their status with a plain sentence; anything else is logged and becomes a
 * 500 that says nothing about the inside.
 */
export function problemFor(error: unknown, log: Logger, context: LogFields): Problem {
  if (error instanceof ValidationError) {
    return {
      title: 'Check the highlighted fields',
      status: 400,
      detail: error.issues.map((i) => i.message).join(' '),
      errors: error.issues,
    };
  }
  if (error instanceof NotFoundError) {
    return {
      title: 'Not found',
      status: 404,
      detail: `${capitalized(SUBJECT_NAMES[error.subject])} was not found, or you are not a member of its team.`,
    };
  }
  if (error instanceof ForbiddenError) {
    return { title: 'Not allowed', status: 403, detail: FORBIDDEN_DETAILS[error.subject] };
  }
  if (error instanceof ConflictError) {
    return {
      title: 'Changed by someone else',
      status: 409,
      detail: `Someone else changed this ${SUBJECT_NAMES[error.subject]} in the meantime. Reload it and try again.`,
    };
  }
  if (error instanceof StorageUnavailableError || error instanceof DependencyUnavailableError) {
    log.warn('api.unavailable', { ...context, error: error.message });
    return {
      title: 'Temporarily unavailable',
      status: 503,
      detail: 'Commonplace cannot reach its storage or directory right now. Try again in a moment.',
    };
  }
  log.error('api.failed', context, error);
  return { title: 'Internal error', status: 500, detail: 'Something went wrong on our side.' };
}
