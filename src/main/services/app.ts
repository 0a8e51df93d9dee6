/** app.info, app.openExternal and app.answerDialog. */
import type { AppInfo } from '../../shared/contract/app'
import { UserFacingError } from '../../shared/result'
import type { ServiceContext } from './context'
import type { PartialHandlers } from './dispatch'

/** Only absolute http(s) URLs leave the app, and only to the user's browser. */
export function safeExternalUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new UserFacingError('invalid-url', 'That link is not a valid web address.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserFacingError('invalid-url', 'Only web links (http or https) can be opened from Launch Ready.')
  }
  if (url.username || url.password) throw new UserFacingError('invalid-url', 'Links with a user name or password in them are not opened.')
  return url.toString()
}

export function appHandlers(ctx: ServiceContext, recovery: () => AppInfo['recovery']): PartialHandlers<'app.info' | 'app.openExternal' | 'app.answerDialog'> {
  return {
    'app.info': () => {
      const r = recovery()
      return { version: ctx.version, host: ctx.host === 'cli' ? 'harness' : ctx.host, platform: process.platform, dataDir: ctx.dataDir, ...(r ? { recovery: r } : {}) }
    },
    'app.openExternal': async ({ url }) => {
      await ctx.openExternal(safeExternalUrl(url))
    },
    'app.answerDialog': ({ id, path }) => {
      if (!ctx.dialogs.answer) throw new UserFacingError('no-dialog', 'No file dialog is waiting for an answer.')
      ctx.dialogs.answer(id, path)
    },
  }
}
