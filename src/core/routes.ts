// The route table is shared with the server (common/routes.ts); pages keep importing it from here.
export { PAGE, TAB, linkTo, withQuery, type PageName, type PageQueries } from '../../common/routes'
