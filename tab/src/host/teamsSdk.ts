/*
 * The parts of the Teams JS SDK the tab uses. Loaded through a dynamic import of this
 * module (not of the SDK itself), so the bundler can still drop the rest of the SDK.
 */
export { app, authentication, pages } from '@microsoft/teams-js';
