/**
 * Translates a Go (RE2) regular expression, as gitleaks writes its rules, into
 * a JavaScript one with the same meaning. Node 20's V8 has no inline flag
 * groups, so the case and dot-all scopes are expanded in place:
 *   (?i) … / (?i: … )   letters become [aA], class ranges gain their other case
 *   (?-i: … )           back to case-sensitive inside the group
 *   (?s: … ) / (?s)     `.` becomes [\s\S]
 *   (?P<name> … )       (?<name> … )
 *   [[:alnum:]] etc.    the POSIX classes spelled out
 *   \z  \A              $ and ^ (the rules never use multi-line mode)
 * Throws on anything it does not know, so a new construct upstream is noticed
 * at refresh time rather than silently mistranslated.
 */
const POSIX = {
  alnum: 'a-zA-Z0-9', alpha: 'a-zA-Z', digit: '0-9', xdigit: '0-9A-Fa-f', upper: 'A-Z', lower: 'a-z',
  space: '\\s', word: '\\w', punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
}

const isLetter = (c) => /[a-zA-Z]/.test(c)
const other = (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())

/** A class body (between [ and ]) with case folded in when `ci`. */
function translateClass(body, ci) {
  let out = ''
  let i = 0
  const extra = []
  while (i < body.length) {
    const c = body[i]
    if (c === '[' && body[i + 1] === ':') {
      const end = body.indexOf(':]', i + 2)
      const name = body.slice(i + 2, end)
      if (end < 0 || !(name in POSIX)) throw new Error(`unknown POSIX class in [${body}]`)
      out += POSIX[name]
      i = end + 2
      continue
    }
    if (c === '\\') {
      const next = body[i + 1]
      if (next === 'x') {
        out += body.slice(i, i + 4)
        i += 4
      } else {
        out += body.slice(i, i + 2)
        i += 2
      }
      continue
    }
    if (body[i + 1] === '-' && i + 2 < body.length && body[i + 2] !== ']') {
      const lo = c
      const hi = body[i + 2]
      out += `${lo}-${hi}`
      if (ci && isLetter(lo) && isLetter(hi) && (lo === lo.toLowerCase()) === (hi === hi.toLowerCase())) extra.push(`${other(lo)}-${other(hi)}`)
      i += 3
      continue
    }
    // `[` inside a class is literal in Go; JS (without the v flag) takes it literally too, but escape it to be plain.
    // `[` is literal inside a Go class, and a lone `-` must stay one when the folded letters are appended.
    out += c === '[' ? '\\[' : c === '-' ? '\\-' : c
    if (ci && isLetter(c)) extra.push(other(c))
    i += 1
  }
  return out + extra.join('')
}

/**
 * @param {string} src Go regex source
 * @returns {string} JS regex source (no flags needed)
 */
export function goToJs(src) {
  let out = ''
  // One entry per open group: the flags to restore when it closes.
  const stack = []
  let ci = false
  let dotAll = false
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (c === '\\') {
      const next = src[i + 1]
      if (next === 'z') out += '$'
      else if (next === 'A') out += '^'
      else if (next === 'x') {
        out += src.slice(i, i + 4)
        i += 4
        continue
      } else if (next === 'p' || next === 'P' || next === 'Q' || next === 'E') throw new Error(`unsupported escape \\${next} in ${src}`)
      else if (ci && isLetter(next) && !/[wWdDsSbBnrtfv]/.test(next)) throw new Error(`escaped letter \\${next} in ${src}`)
      else out += src.slice(i, i + 2)
      i += 2
      continue
    }
    if (c === '[') {
      // Find the class end: a ] that is not first, not escaped, not closing a [:name:].
      let j = i + 1
      if (src[j] === '^') j++
      if (src[j] === ']') j++
      while (j < src.length && src[j] !== ']') {
        if (src[j] === '\\') j += 2
        else if (src[j] === '[' && src[j + 1] === ':') j = src.indexOf(':]', j + 2) + 2
        else j++
      }
      if (j >= src.length) throw new Error(`unterminated class in ${src}`)
      const negated = src[i + 1] === '^'
      const body = src.slice(i + 1 + (negated ? 1 : 0), j)
      out += `[${negated ? '^' : ''}${translateClass(body, ci)}]`
      i = j + 1
      continue
    }
    if (c === '(') {
      if (src[i + 1] === '?') {
        const m = /^\(\?([a-zA-Z-]*)([:)])/.exec(src.slice(i))
        if (src[i + 2] === 'P' && src[i + 3] === '<') {
          stack.push({ ci, dotAll })
          out += '(?<'
          i += 4
          continue
        }
        if (m && m[1] !== '' || (m && m[2] === ':')) {
          const [whole, flags, kind] = m
          let on = true
          let nci = ci
          let nds = dotAll
          for (const f of flags) {
            if (f === '-') on = false
            else if (f === 'i') nci = on
            else if (f === 's') nds = on
            else throw new Error(`unsupported flag ${f} in ${src}`)
          }
          if (kind === ')') {
            // (?i) applies to the rest of the enclosing group.
            ci = nci
            dotAll = nds
            i += whole.length
            continue
          }
          stack.push({ ci, dotAll })
          ci = nci
          dotAll = nds
          out += '(?:'
          i += whole.length
          continue
        }
        if (src[i + 2] === '=' || src[i + 2] === '!' || src[i + 2] === '<') throw new Error(`lookaround in ${src}`)
      }
      stack.push({ ci, dotAll })
      out += '('
      i += 1
      continue
    }
    if (c === ')') {
      const prev = stack.pop()
      if (!prev) throw new Error(`unbalanced ) in ${src}`)
      ci = prev.ci
      dotAll = prev.dotAll
      out += ')'
      i += 1
      continue
    }
    if (c === '.' && dotAll) {
      out += '[\\s\\S]'
      i += 1
      continue
    }
    if (c === '{') {
      // Counted repetition: copy as is (letters inside are digits and commas only).
      const end = src.indexOf('}', i)
      const rep = src.slice(i, end + 1)
      if (/^\{\d*,?\d*\}$/.test(rep)) {
        out += rep
        i = end + 1
        continue
      }
      out += '\\{'
      i += 1
      continue
    }
    if (c === '}') {
      out += '\\}'
      i += 1
      continue
    }
    out += ci && isLetter(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c
    i += 1
  }
  if (stack.length) throw new Error(`unbalanced ( in ${src}`)
  return out
}
