/* Channels of the email area; see src/shared/contract/index.ts. */
export const emailChannels = {}
export const emailEvents = {}
