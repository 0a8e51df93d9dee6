import { describe, expect, it } from 'vitest'
import { parseAuthResults } from '../../../src/shared/auth-results'

describe('parseAuthResults', () => {
  it('reads Gmail’s folded header', () => {
    const h = `Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@acme.com header.s=google header.b=abc;\r\n       spf=pass (google.com: domain of bounce@acme.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=bounce@acme.com;\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=acme.com`
    expect(parseAuthResults(h)).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass', found: true })
  })
  it('takes a passing DKIM signature among failing ones, and reports failures', () => {
    expect(parseAuthResults('x; dkim=fail header.d=a.com; dkim=pass header.d=acme.com; spf=softfail; dmarc=fail')).toEqual({ spf: 'softfail', dkim: 'pass', dmarc: 'fail', found: true })
  })
  it('says when nothing was found', () => {
    expect(parseAuthResults('Subject: hello')).toEqual({ spf: 'unknown', dkim: 'unknown', dmarc: 'unknown', found: false })
  })
})
