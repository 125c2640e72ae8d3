/**
 * Several statements under ONE `Sync` of Postgres' extended query protocol — one implicit
 * transaction, as libpq's pipeline mode sends them: every Parse/Bind/Execute before the Sync runs in
 * the same transaction, which commits at the Sync (transaction-local settings such as
 * `set_config(…, true)` stay local to it), and an error skips everything up to the Sync and rolls
 * the whole of it back. A transaction whose last statement is known up front needs neither BEGIN
 * nor COMMIT then: Postgres runs two statements instead of four (the `tx` of `postgres.ts`).
 *
 * `pg` sends a Sync after every query, so this is a `pg.Query` of its own (pg's pipeline mode
 * accepts subclasses of its Query only): it writes every statement's Parse (named statements only
 * when the connection has not prepared them yet), Bind, Describe and Execute, then one Sync, and
 * splits the answers back into one result per statement (pg's Query already keeps one `Result`
 * per CommandComplete). `BatchClient` (the pool's client class) tells a batch about each
 * ParseComplete, so the connection's record of prepared statement names stays exact even when a
 * statement fails half way.
 */
import pg from 'pg';
import type { QueryResult } from './types.ts';

export interface BatchStatement {
  text: string;
  values: unknown[];
  /** Named prepared statement (parsed once per connection), or unnamed. */
  name?: string | undefined;
  /**
   * Its rows are of no use (e.g. the request settings' `select set_config(…)`): no Describe is
   * sent, so Postgres sends no RowDescription, and its DataRows are skipped unparsed; its result
   * has no rows.
   */
  discardRows?: boolean;
}

/** What pg's parser gives for a RowDescription field (not in @types/pg). */
interface FieldDescription {
  name: string;
  dataTypeID: number;
  format: string;
}

/**
 * The row parsers pg's Result builds from each RowDescription (`addFields`), kept per statement
 * text: a prepared statement describes the same columns every time. Used only when the columns
 * are the same (names, types, formats) and the Result uses the same type table.
 */
const FIELD_CACHE_MAX = 1_000;
type FieldEntry = { fields: FieldDescription[]; parsers: unknown[]; empty: unknown };
/** Per type table (each pg client has its own), per statement text. */
const fieldCaches = new WeakMap<object, Map<string, FieldEntry>>();

function sameFields(a: FieldDescription[], b: FieldDescription[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name || x.dataTypeID !== y.dataTypeID || x.format !== y.format) return false;
  }
  return true;
}

/** The parts of pg's Connection a batch writes to (not in @types/pg). */
interface WireConnection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void; write(buffer: Buffer): boolean; writable?: boolean };
  parse(config: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[]; binary: boolean }): void;
  describe(config: { type: 'P' | 'S'; name: string }): void;
  execute(config: { portal: string }): void;
  sync(): void;
}

/** What pg's Query keeps internally (not in @types/pg). */
interface QueryInternals {
  _result: {
    command: string | null;
    rows: unknown[];
    rowCount: number | null;
    fields?: FieldDescription[];
    _types?: unknown;
    _parsers?: unknown[];
    _prebuiltEmptyResultObject?: unknown;
    addFields(fields: FieldDescription[]): void;
  };
  _results: QueryInternals['_result'] | QueryInternals['_result'][];
  _canceledDueToError: unknown;
  callback: ((error: Error | null, result?: unknown) => void) | undefined;
  _accumulateRows: unknown;
  _checkForMultirow(): void;
  handleCommandComplete(msg: unknown, connection: WireConnection): void;
  handleDataRow(msg: unknown): void;
}

type Settle = { resolve: (r: QueryResult<never>) => void; reject: (e: unknown) => void };

const QueryBase = pg.Query as unknown as new (text: string) => QueryInternals;
const prepareValue = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;

// Describe (portal ''), Execute (portal '', no row limit) and Sync, as pg-protocol writes them.
const DESCRIBE_PORTAL = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0]);
const EXECUTE = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/**
 * Bind (+ Describe) + Execute per statement, then Sync, in one buffer — byte for byte what pg's
 * connection.bind/describe/execute/sync write for prepared statements (text parameters, Buffers as
 * binary ones; text results), without a buffer per message.
 */
function encodeBatch(statements: BatchStatement[], mapped: unknown[][]): Buffer {
  let size = SYNC.length;
  const lengths: number[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    const values = mapped[i]!;
    // Bind: code, length, portal "", statement name, formats, values, result formats.
    let bind = 4 + 1 + Buffer.byteLength(s.name!) + 1 + 2 + 2 * values.length + 2 + 2 + 2;
    for (const v of values) {
      if (v === null || v === undefined) bind += 4;
      else if (Buffer.isBuffer(v)) bind += 4 + v.length;
      else {
        const n = Buffer.byteLength(v as string);
        lengths.push(n);
        bind += 4 + n;
      }
    }
    size += 1 + bind + (s.discardRows ? 0 : DESCRIBE_PORTAL.length) + EXECUTE.length;
  }
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  let next = 0;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    const values = mapped[i]!;
    buf[o++] = 0x42; // Bind
    const lengthAt = o;
    o += 4;
    buf[o++] = 0; // portal ""
    o += buf.write(s.name!, o, 'utf8');
    buf[o++] = 0;
    o = buf.writeInt16BE(values.length, o);
    const formatsAt = o;
    o += 2 * values.length;
    o = buf.writeInt16BE(values.length, o);
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      let format = 0;
      if (v === null || v === undefined) o = buf.writeInt32BE(-1, o);
      else if (Buffer.isBuffer(v)) {
        format = 1;
        o = buf.writeInt32BE(v.length, o);
        o += v.copy(buf, o);
      } else {
        const n = lengths[next++]!;
        o = buf.writeInt32BE(n, o);
        o += buf.write(v as string, o, n, 'utf8');
      }
      buf.writeInt16BE(format, formatsAt + 2 * j);
    }
    o = buf.writeInt16BE(1, o); // one result format code: text
    o = buf.writeInt16BE(0, o);
    buf.writeInt32BE(o - lengthAt, lengthAt);
    if (!s.discardRows) o += DESCRIBE_PORTAL.copy(buf, o);
    o += EXECUTE.copy(buf, o);
  }
  o += SYNC.copy(buf, o);
  if (o !== size) throw new Error(`pg-batch: encoded ${o} bytes, expected ${size}`);
  return buf;
}

/** What a statement after the failing one rejects with — the error an explicit transaction gives. */
export class BatchAbortedError extends Error {
  override readonly name = 'BatchAbortedError';
  readonly code = '25P02';
  constructor() {
    super('current transaction is aborted, commands ignored until end of transaction block');
  }
}

export class BatchQuery extends QueryBase {
  /** Names this batch sent a Parse for, in order, until Postgres confirms each. */
  private parsing: { name: string; text: string }[] = [];
  private completed = 0;
  private settled = false;
  private connection: WireConnection | undefined;

  constructor(
    private readonly statements: BatchStatement[],
    private readonly settles: Settle[],
  ) {
    super(statements.at(-1)!.text);
    // Set for pg's client, which reports errors through the callback; settling is ours.
    this.callback = () => {};
  }

  submit(connection: WireConnection): Error | null {
    this.connection = connection;
    let mapped: unknown[][];
    try {
      // Values are mapped before anything is written: a value that cannot be sent fails the batch
      // with nothing on the wire (pg's own Query does the same per statement).
      mapped = this.statements.map((s) => s.values.map((v) => prepareValue(v)));
    } catch (error) {
      return error as Error;
    }
    // Every statement already prepared on this connection (the steady state of named statements):
    // the whole batch is one buffer and one write. Otherwise pg writes each message (corked).
    const prepared = this.statements.every((s) => !!s.name && (connection.parsedStatements[s.name] !== undefined || connection.submittedNamedStatements[s.name] !== undefined));
    if (prepared && connection.stream.writable !== false) {
      connection.stream.write(encodeBatch(this.statements, mapped));
      return null;
    }
    connection.stream.cork?.();
    try {
      this.statements.forEach((s, i) => {
        const name = s.name ?? '';
        if (!name || (connection.parsedStatements[name] === undefined && connection.submittedNamedStatements[name] === undefined)) {
          connection.parse({ text: s.text, name });
          if (name) {
            connection.submittedNamedStatements[name] = s.text;
            this.parsing.push({ name, text: s.text });
          }
        }
        connection.bind({ portal: '', statement: name, values: mapped[i]!, binary: false });
        if (!s.discardRows) connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  /** Called by BatchClient for each ParseComplete while this batch is the active query. */
  parseComplete(connection: WireConnection): void {
    const done = this.parsing.shift();
    if (!done || !done.name) return;
    connection.parsedStatements[done.name] = done.text;
    delete connection.submittedNamedStatements[done.name];
  }

  /** pg's, with the parsers of an earlier identical RowDescription of the same statement reused. */
  handleRowDescription(msg: { fields: FieldDescription[] }): void {
    this._checkForMultirow();
    const result = this._result;
    const text = this.statements[this.completed]?.text;
    const types = result._types;
    let cache = typeof types === 'object' && types !== null ? fieldCaches.get(types) : undefined;
    if (!cache && typeof types === 'object' && types !== null) fieldCaches.set(types, (cache = new Map()));
    const hit = text === undefined ? undefined : cache?.get(text);
    if (hit && sameFields(hit.fields, msg.fields)) {
      result.fields = msg.fields;
      result._parsers = hit.parsers;
      result._prebuiltEmptyResultObject = hit.empty;
    } else {
      result.addFields(msg.fields);
      if (cache && text !== undefined && msg.fields.length > 0) {
        if (cache.size >= FIELD_CACHE_MAX) cache.delete(cache.keys().next().value!);
        cache.set(text, { fields: msg.fields, parsers: result._parsers!, empty: result._prebuiltEmptyResultObject });
      }
    }
    // pg: rows accumulate when there is a callback (there always is).
    this._accumulateRows = true;
  }

  override handleDataRow(msg: unknown): void {
    if (this.statements[this.completed]?.discardRows) return;
    super.handleDataRow(msg);
  }

  override handleCommandComplete(msg: unknown, connection: WireConnection): void {
    super.handleCommandComplete(msg, connection);
    this.completed++;
  }

  private results(): QueryInternals['_result'][] {
    return Array.isArray(this._results) ? this._results : [this._results];
  }

  handleError(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    if (this._canceledDueToError) {
      error = this._canceledDueToError;
      this._canceledDueToError = false;
    }
    // Parses still unconfirmed were skipped (or failed): the connection does not hold those names.
    if (this.connection) for (const p of this.parsing) delete this.connection.submittedNamedStatements[p.name];
    this.parsing = [];
    const results = this.results();
    // The failing statement is the first one without a CommandComplete; when all completed, the
    // commit at the Sync failed, which the last statement reports (as COMMIT would).
    const failed = Math.min(this.completed, this.statements.length - 1);
    this.settles.forEach((s, i) => {
      if (i < failed) s.resolve(toResult(results[i]));
      else if (i === failed) s.reject(error);
      else s.reject(new BatchAbortedError());
    });
  }

  handleReadyForQuery(): void {
    if (this._canceledDueToError) return this.handleError(this._canceledDueToError);
    if (this.settled) return;
    this.settled = true;
    const results = this.results();
    this.settles.forEach((s, i) => s.resolve(toResult(results[i])));
  }
}

function toResult(r: QueryInternals['_result'] | undefined): QueryResult<never> {
  const rows = (r?.rows ?? []) as never[];
  return { rows, rowCount: r?.rowCount ?? rows.length };
}

/** pg's Client, telling an active BatchQuery about each ParseComplete (pg tracks one name per query). */
export class BatchClient extends pg.Client {
  _handleParseComplete(): void {
    const self = this as unknown as { _activeQuery: unknown; connection: WireConnection };
    const active = self._activeQuery;
    if (active instanceof BatchQuery) return active.parseComplete(self.connection);
    (pg.Client.prototype as unknown as { _handleParseComplete(): void })._handleParseComplete.call(this);
  }
}

/** Send statements as one implicit transaction on a client of a pool made with `Client: BatchClient`. */
export function sendBatch(client: pg.PoolClient, statements: BatchStatement[]): Promise<QueryResult<never>>[] {
  const settles: Settle[] = [];
  const promises = statements.map(
    () =>
      new Promise<QueryResult<never>>((resolve, reject) => {
        settles.push({ resolve, reject });
      }),
  );
  const batch = new BatchQuery(statements, settles);
  // pg reports a submit error (a value that cannot be sent) through handleError.
  (client as unknown as { query(q: unknown): void }).query(batch);
  return promises;
}
