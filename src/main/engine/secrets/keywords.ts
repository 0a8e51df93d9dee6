/**
 * The keyword prefilter: an Aho–Corasick automaton over the rules' keywords
 * (lower-case ASCII), compiled to a dense transition table so one pass over a
 * fragment, folding case as it goes, says which keywords occur — and so which
 * rules' regular expressions are worth running on it. Keywords are how
 * gitleaks keeps a scan of a whole history fast; overlapping keywords
 * ("sk_live", "live") are all reported, which a regex alternation would not do.
 */
const WIDTH = 128

export class KeywordMatcher {
  private readonly next: Int32Array
  /** Per state: indexes of the keywords that end there (own and by failure links). */
  private readonly out: number[][]
  readonly words: readonly string[]

  constructor(words: readonly string[]) {
    this.words = words
    const goto: Map<number, number>[] = [new Map()]
    const outs: number[][] = [[]]
    words.forEach((w, wi) => {
      let s = 0
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i)
        if (c >= WIDTH) throw new Error(`keyword ${w} is not ASCII`)
        let t = goto[s]!.get(c)
        if (t === undefined) {
          t = goto.length
          goto.push(new Map())
          outs.push([])
          goto[s]!.set(c, t)
        }
        s = t
      }
      outs[s]!.push(wi)
    })
    const n = goto.length
    const next = new Int32Array(n * WIDTH)
    const fail = new Int32Array(n)
    const queue: number[] = []
    for (let c = 0; c < WIDTH; c++) {
      const t = goto[0]!.get(c)
      if (t !== undefined) {
        next[c] = t
        queue.push(t)
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!
      outs[s] = [...outs[s]!, ...outs[fail[s]!]!]
      for (let c = 0; c < WIDTH; c++) {
        const t = goto[s]!.get(c)
        if (t !== undefined) {
          fail[t] = next[fail[s]! * WIDTH + c]!
          next[s * WIDTH + c] = t
          queue.push(t)
        } else {
          next[s * WIDTH + c] = next[fail[s]! * WIDTH + c]!
        }
      }
    }
    this.next = next
    this.out = outs
  }

  /** Indexes (into `words`) of the keywords that occur in `text`, case-insensitively. */
  find(text: string, start = 0, end = text.length): Set<number> {
    const found = new Set<number>()
    const next = this.next
    const out = this.out
    let s = 0
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i)
      if (c >= 65 && c <= 90) c += 32
      else if (c >= WIDTH) {
        s = 0
        continue
      }
      s = next[s * WIDTH + c]!
      const o = out[s]!
      if (o.length) for (const k of o) found.add(k)
    }
    return found
  }
}
