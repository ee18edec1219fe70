// The route table is shared with the server (common/routes.ts); pages keep importing it from here.
export { PAGE, TAB, linkTo, withQuery, type PageName, type PageQueries } from '../../common/routes'

/**
 * A text a page reads from its query, decoded. Taro H5 hands a page its query sometimes decoded and sometimes as
 * the address had it (a page opened while the previous one still settles), and linkTo() encodes what it is given:
 * decoding until nothing is left to decode gives the same text either way, and passing that on to the next page
 * encodes it exactly once. Names, train numbers and certificate numbers never hold a literal %XX.
 */
export function textParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  let text = value
  for (let i = 0; i < 3 && /%[0-9A-Fa-f]{2}/.test(text); i++) {
    try {
      text = decodeURIComponent(text)
    } catch {
      break
    }
  }
  return text
}
