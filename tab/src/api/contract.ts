/*
 * The one place the tab reaches into the service's sources: the shared API contract.
 * Everything else in the tab imports from here, so a move of the contract is a one-line change.
 */
export * from '../../../bot/src/api/contract';
export { kindLabel, type CardKind } from '../../../bot/src/domain/cards/kinds';
