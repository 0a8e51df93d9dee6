import { z } from 'zod'

/** As in the renderer: the page's CSP forbids eval; set before any schema is built. */
z.config({ jitless: true })
