import { describe, expect, it } from 'vitest'
import { EMAIL_PROVIDERS } from '../../../src/renderer/src/screens/interview/providers'
import { EMAIL_PROVIDERS as ENGINE_PROVIDERS } from '../../../src/main/engine/email/providers'

describe('the interview offers every email provider the engine recognises', () => {
  it('same ids on both sides', () => {
    expect(EMAIL_PROVIDERS.map((p) => p.id).sort()).toEqual(ENGINE_PROVIDERS.map((p) => p.id).sort())
  })
})
