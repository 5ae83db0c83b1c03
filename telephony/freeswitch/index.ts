export { FreeswitchEngine } from './engine';
export type { FreeswitchEngineOptions, PeerTrunk, SharedDir } from './options';
