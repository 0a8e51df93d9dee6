/* Channels of the report area; see src/shared/contract/index.ts. */
export const reportChannels = {}
export const reportEvents = {}
