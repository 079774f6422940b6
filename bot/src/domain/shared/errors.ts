/**
 * Typed failures of the domain. Each edge (Teams handlers, HTTP routes) maps these
 * once to what a person sees; internal messages are never shown to users.
 */

/** One problem with one field of a person's input, worded for that person. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Base of every error the domain raises on purpose. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** The input breaks a rule; `issues` say which fields and why, in words for people. */
export class ValidationError extends DomainError {
  readonly code = 'validation';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'ValidationError';
  }
}

/** The conversation is not one Commonplace can hold a community for. */
export class UnsupportedConversationError extends DomainError {
  readonly code = 'unsupported_conversation';
  constructor(readonly conversationType: string | undefined) {
    super(`Unsupported conversation type: ${conversationType ?? 'none'}`);
    this.name = 'UnsupportedConversationError';
  }
}

/**
 * What a failure is about, so each edge can word it for people: a missing ritual is not
 * a missing card. `manager` is a person named as a card's owner; `page` an address that
 * names nothing the API has; `question` a channel post tracked as a question.
 */
export type Subject = 'card' | 'community' | 'ritual' | 'occurrence' | 'item' | 'manager' | 'page' | 'question';

/** A thing that was asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(readonly subject: Subject) {
    super(`${subject} not found`);
    this.name = 'NotFoundError';
  }
}

/** A write lost a race: someone else created or changed the same thing first. */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
  constructor(readonly subject: Subject) {
    super(`${subject} was changed by someone else`);
    this.name = 'ConflictError';
  }
}

/** Storage could not be reached or refused the operation for a reason that is not the caller's. */
export class StorageUnavailableError extends DomainError {
  readonly code = 'storage_unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StorageUnavailableError';
  }
}

/**
 * What a person can be refused, so each edge can say who may do it instead: changing a
 * card (curating, confirming, reassigning), managing the community (naming it, choosing
 * its managers) or its rituals, removing an entry someone else brought to a session, and deciding
 * about someone else's question (whether it is one, which reply answers it).
 */
export type ForbiddenSubject = Extract<Subject, 'card' | 'community' | 'ritual' | 'item' | 'question'>;

/** The caller may see the thing but not do this to it. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  /**
   * @param subject what the person may not change, which the edges word for people
   * @param action what was refused, for the log only
   */
  constructor(
    readonly subject: ForbiddenSubject,
    action: string,
  ) {
    super(`Not allowed to ${action}`);
    this.name = 'ForbiddenError';
  }
}

/** A service Commonplace depends on (other than storage) did not answer. */
export class DependencyUnavailableError extends DomainError {
  readonly code = 'dependency_unavailable';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DependencyUnavailableError';
  }
}
