import type { LaunchReadyApi } from '../../shared/contract'

declare global {
  interface Window {
    /** Built by the preload (or the test harness) from the shared contract. */
    readonly launchReady: LaunchReadyApi
  }
}

export const api = (): LaunchReadyApi => window.launchReady
