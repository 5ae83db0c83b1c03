// The softphone's public face: the panel for the agent workspace, and click-to-dial for other pages.
export { Softphone } from './Softphone';
export { callNumber, softphone } from './instance';
