/* Channels of the perf area; see src/shared/contract/index.ts. */
export const perfChannels = {}
export const perfEvents = {}
