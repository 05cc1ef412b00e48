/** better-sqlite3 11.9 under an alias, for liteque (see systems/liteque-sqlite.ts); same API as 12. */
declare module 'better-sqlite3-v11' {
  import Database from 'better-sqlite3';
  export default Database;
}
