/** The embedded engine: pure TypeScript SIP + RTP, what `npm start` and the tests run. */
export { EmbeddedEngine } from './engine/engine';
export type { EmbeddedEngineOptions } from './engine/options';
export type { LegMedia, LegMediaEvents, MediaFactory, NegotiatedMedia } from './engine/media';
