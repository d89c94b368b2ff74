// The part of sql.js (https://sql.js.org, no bundled types) this example uses.
declare module 'sql.js' {
  export type SqlValue = number | string | Uint8Array | null
  export interface Statement {
    run(values?: readonly SqlValue[]): void
    free(): boolean
  }
  export interface Database {
    run(sql: string, values?: readonly SqlValue[]): Database
    exec(sql: string, values?: readonly SqlValue[]): { columns: string[]; values: SqlValue[][] }[]
    prepare(sql: string): Statement
    export(): Uint8Array
    close(): void
  }
  export interface SqlJsStatic {
    Database: new (data?: ArrayLike<number> | Buffer | null) => Database
  }
  export default function initSqlJs(config?: object): Promise<SqlJsStatic>
}
