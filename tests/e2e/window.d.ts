/// <reference lib="dom" />
import type { LaunchReadyApi } from '../../src/shared/contract'

declare global {
  interface Window {
    /** Installed by the harness init script from the shared contract (as the preload does in Electron). */
    readonly launchReady: LaunchReadyApi
  }
}
