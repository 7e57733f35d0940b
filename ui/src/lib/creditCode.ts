// 统一社会信用代码 (GB 32100-2015) checked as the user types, the same rules as the core's
// src/model/credit_code.rs: length and characters are errors, a wrong check character is a
// warning (real registered codes that fail the check exist).

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Upper-cases, turns full-width letters and digits into ASCII, removes every space. */
export function normaliseCode(raw: string): string {
  let out = ''
  for (const ch of raw) {
    if (/\s/.test(ch) || ch === '\u3000') continue
    const c = ch.codePointAt(0)!
    const fullWidth = (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)
    out += fullWidth ? String.fromCodePoint(c - 0xfee0) : ch
  }
  return out.toUpperCase()
}

/** The check character of the first 17 characters, or null when one is outside the set. */
export function checkCharacter(first17: string): string | null {
  let sum = 0
  const chars = [...first17].slice(0, 17)
  for (let i = 0; i < chars.length; i++) {
    const v = CHARSET.indexOf(chars[i])
    if (v < 0) return null
    sum += v * WEIGHTS[i]
  }
  return CHARSET[(31 - (sum % 31)) % 31]
}

export interface CodeVerdict {
  /** The code as it will be stored. */
  normalised: string
  /** null when fine; else what is wrong, in Chinese. */
  message: string | null
  /** True when only the check character is wrong: saved anyway, shown as a warning. */
  warningOnly: boolean
}

/** Checks a code as typed; an empty code is allowed (the enterprise is matched by name). */
export function checkCode(raw: string): CodeVerdict {
  const code = normaliseCode(raw)
  const ok = { normalised: code, message: null, warningOnly: false }
  if (code === '') return ok
  const n = [...code].length
  if (n !== 18) {
    return { normalised: code, message: `统一社会信用代码“${code}”有${n}位，应为18位，请核对营业执照`, warningOnly: false }
  }
  const bad = [...code].find((c) => !CHARSET.includes(c))
  if (bad !== undefined) {
    return {
      normalised: code,
      message: `统一社会信用代码“${code}”含非法字符“${bad}”（只允许数字和除I、O、S、V、Z外的大写字母），请核对营业执照`,
      warningOnly: false,
    }
  }
  const expected = checkCharacter(code.slice(0, 17))
  if (!code.endsWith(expected!)) {
    return {
      normalised: code,
      message: `统一社会信用代码“${code}”校验位不符（按GB 32100-2015应为“${expected}”），请核对营业执照`,
      warningOnly: true,
    }
  }
  return ok
}
