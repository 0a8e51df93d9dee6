/* Channels of the runs area; see src/shared/contract/index.ts. */
export const runsChannels = {}
export const runsEvents = {}
