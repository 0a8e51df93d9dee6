import { z } from 'zod'

/**
 * The renderer's CSP forbids eval. zod 4 decides at schema construction
 * whether to compile parsers with `new Function`, so this module is imported
 * before anything that defines a schema.
 */
z.config({ jitless: true })
