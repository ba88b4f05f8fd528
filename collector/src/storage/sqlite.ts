import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { startCheckpointer } from './checkpointer.js';
import { dirname } from 'node:path';
import { sameMailbox, type IdeaContact } from '../mailbox.js';
import { KeyBudget, typeFits, type StoredKeys } from '../bounds.js';
import { CounterBatch, type CounterRows } from '../results.js';
import { sqliteDialect } from './dialect.js';
import { counterWriter, migrate } from './sqlite-schema.js';
import {
  answerKeysOf,
  declaredFromRow,
  declaredValues,
  eventValues,
  exportPage,
  pendingValues,
  storeSql,
  textsOf,
  type StoredSubject,
} from './queries.js';
import { retentionCutoff } from './signatures.js';
import { sqliteMailQueue } from './mail-queue.js';
import {
  EXPORT_BATCH,
  type AnsweredDefinition,
  type ConfirmOutcome,
  type EventRow,
  type ExportFilter,
  type ExportRow,
  type InsertResult,
  linkState,
  mailCounts,
  mailLimited,
  MailLimitReached,
  type PendingRow,
  type PetitionState,
  type Signature,
  type Storage,
} from './storage.js';

type Sql = ReturnType<typeof storeSql>;
/** The statements of Sql that are one text (not a set of them). */
type Statement = { [Name in keyof Sql]: Sql[Name] extends string ? Name : never }[keyof Sql];
type Personal = Record<string, unknown> | undefined;

/** An exported row as SQLite gives it: JSON as text. */
type StoredRow = Omit<ExportRow, 'answers' | 'definition' | 'personal'> & {
  seq: number;
  answers: string;
  definition: string | null;
  personal: string | null;
};

const toExportRow = ({ seq: _seq, personal, ...row }: StoredRow): ExportRow => ({
  ...row,
  answers: JSON.parse(row.answers),
  definition: row.definition === null ? null : JSON.parse(row.definition),
  ...(personal ? { personal: JSON.parse(personal) } : {}),
});

/** SQLite through better-sqlite3, in WAL mode: one file, one machine. */
export function openSqlite(path: string): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints (copying the WAL into the database, with an fsync) run in a worker thread on a
  // second connection, so that they never hold the event loop: the p99 latency stays low.
  const checkpointer = path === ':memory:' ? undefined : startCheckpointer(path);
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  migrate(db);

  const sql = storeSql(sqliteDialect);
  const writer = rowWriter(db, sql);
  return {
    kind: 'sqlite',
    insert: batchedInserts(db, writer),
    ...signatureChanges(db, sql, writer),
    ...resultReads(db, sql),
    ...dashboardReads(db, sql),
    ...sqliteMailQueue(db, sql),
    ...exportReads(db),
    declaredSubjects: async () => db.prepare(sql.declaredSubjects).pluck().all() as string[],
    declaredSubject: async (subject) => declaredFromRow(db.prepare(sql.declaredSubject).get(subject) as StoredSubject | undefined),
    async declareSubject(declared) {
      db.prepare(sql.declareSubject).run(...declaredValues(declared));
    },
    async secret(name, candidate) {
      db.prepare(sql.addSecret).run(name, candidate);
      return db.prepare(sql.secret).pluck().get(name) as string;
    },
    async close() {
      await checkpointer?.terminate();
      db.close();
    },
  };
}

/** Writes one answer, within the caller's transaction; what it inserts adds to `counters`. */
interface RowWriter {
  /**
   * Inserts an answer unless its id is stored; an answer inserted adds to `counters`, a replay does
   * not, and a petition's terms, when it carries them, become its latest (see signatureSql), dated
   * `receivedAt`: when a confirmed signature was received, not when its link was followed.
   */
  insertOne(row: EventRow, personal: Personal, counters: CounterBatch, receivedAt?: string): InsertResult;
  /**
   * A signature with an e-mail address: a replay of its id (stored or pending) stays a replay;
   * another id for the same address on the same petition stores nothing.
   */
  signOne(row: EventRow, personal: Personal, signature: Signature, counters: CounterBatch): InsertResult;
  /** Adds counters to the stored ones. */
  addCounters(counters: CounterRows): void;
  /** Counters for a new transaction, within the subjects' bounds as the store holds them. */
  newCounters(): CounterBatch;
  /**
   * An answer of another type than its subject holds on its site (stored, pending, or counted
   * earlier in the batch): a refusal, or a replay when its id is stored; else undefined.
   */
  refusal(row: EventRow, counters: CounterBatch): InsertResult | undefined;
}

function rowWriter(db: Database.Database, sql: Sql): RowWriter {
  const insertEvent = db.prepare(sql.insertEvent);
  const insertPersonal = db.prepare(sql.insertPersonal);
  const hashOf = db.prepare(sql.eventHash).pluck();
  const addTerms = db.prepare(sql.addTerms);
  const pendingHash = db.prepare(sql.pendingHash).pluck();
  const addSigner = db.prepare(sql.addSigner);
  const addPending = db.prepare(sql.addPending);
  const signerEvent = db.prepare(sql.signerEvent).pluck();
  const [countMail, queueMail] = [db.prepare(sql.countMail).pluck(), db.prepare(sql.queueMail)];
  const [withdrawPending, replaceSigner] = [db.prepare(sql.withdrawPending), db.prepare(sql.replaceSigner)];
  /** Takes the place of the signer's earlier signature when it may be replaced (see Signature). */
  const replaced = (row: EventRow, { signer }: Signature) => {
    const earlier = signerEvent.get(row.subject, row.site, signer) as string | undefined;
    // Withdrawn only while unconfirmed: a counted signature stays, and the new one is refused.
    if (earlier === undefined || !withdrawPending.run(earlier).changes) return false;
    return replaceSigner.run(row.id, row.subject, row.site, signer).changes > 0;
  };
  const insertOne: RowWriter['insertOne'] = (row, personal, counters, receivedAt = row.receivedAt) => {
    const { changes, lastInsertRowid } = insertEvent.run(...eventValues(row));
    if (!changes) return { inserted: false, hash: hashOf.get(row.id) as string };
    if (personal) insertPersonal.run(row.id, JSON.stringify(personal));
    if (row.petitionTerms) addTerms.run(row.subject, row.site, JSON.stringify(row.petitionTerms), receivedAt);
    counters.add(row, Number(lastInsertRowid));
    return { inserted: true };
  };
  // In a savepoint of its own: a signature whose mail passes a limit leaves nothing, not even its counts.
  const signSaved = db.transaction((row: EventRow, personal: Personal, signature: Signature, counters: CounterBatch): InsertResult => {
    const stored = hashOf.get(row.id) as string | undefined;
    if (stored !== undefined) return { inserted: false, hash: stored };
    const pending = pendingHash.get(row.id) as string | undefined;
    if (pending !== undefined) return { inserted: false, hash: pending, pending: true };
    if (signature.legacy && signerEvent.get(row.subject, row.site, signature.legacy) !== undefined)
      return { inserted: false, alreadySigned: true };
    if (!addSigner.run(row.subject, row.site, signature.signer, row.id).changes && !replaced(row, signature)) {
      return { inserted: false, alreadySigned: true };
    }
    if (!signature.pending) return insertOne(row, personal, counters);
    addPending.run(...pendingValues(row, personal, signature.pending));
    queueMail.run(row.id, signature.pending.since);
    for (const { values, max } of mailCounts(signature)) if ((countMail.get(...values) as number) > max) throw new MailLimitReached();
    return { inserted: true, pending: true };
  });
  return {
    insertOne,
    signOne(row, personal, signature, counters) {
      try {
        return signSaved(row, personal, signature, counters);
      } catch (error) {
        return mailLimited(error);
      }
    },
    addCounters: counterWriter(db),
    ...subjectChecks(db, sql, hashOf, pendingHash),
  };
}

/** A subject's type on a site, and its bounds (bounds.ts), read within the batch's transaction. */
function subjectChecks(
  db: Database.Database,
  sql: Sql,
  hashOf: Database.Statement,
  pendingHash: Database.Statement,
): Pick<RowWriter, 'newCounters' | 'refusal'> {
  const typesOn = db.prepare(sql.typesOn).pluck();
  const [values, questions, questionValues] = [sql.keyedValues, sql.keyedQuestions, sql.keyedQuestionValues].map((text) =>
    db.prepare(text),
  );
  const budgetOf = (subject: string) =>
    new KeyBudget({
      values: values.all(subject),
      questions: questions.all(subject),
      questionValues: questionValues.all(subject),
    } as StoredKeys);
  return {
    newCounters: () => new CounterBatch(budgetOf),
    refusal(row, counters) {
      const stored = typesOn.all(row.subject, row.site, row.subject, row.site) as string[];
      const types = [...new Set([...stored, ...counters.typesOn(row.subject, row.site)])];
      if (typeFits(types, row.type)) return undefined;
      const hash = hashOf.get(row.id) as string | undefined;
      if (hash !== undefined) return { inserted: false, hash };
      const pending = pendingHash.get(row.id) as string | undefined;
      return pending !== undefined ? { inserted: false, hash: pending, pending: true } : { inserted: false, typeMismatch: types };
    },
  };
}

/**
 * Answers that arrive together are written in one transaction (one commit instead of one per
 * answer): each is still inserted once, and each request is answered after its commit. The
 * counters of the answers inserted (not of replays) are added in the same transaction.
 */
function batchedInserts(db: Database.Database, writer: RowWriter): Storage['insert'] {
  type Waiting = {
    row: EventRow;
    personal?: Record<string, unknown>;
    signature?: Signature;
    resolve: (result: InsertResult) => void;
    reject: (error: unknown) => void;
  };
  let queue: Waiting[] = [];
  const writeQueue = db.transaction((batch: Waiting[]) => {
    const counters = writer.newCounters();
    const results = batch.map(
      ({ row, personal, signature }) =>
        writer.refusal(row, counters) ??
        (signature ? writer.signOne(row, personal, signature, counters) : writer.insertOne(row, personal, counters)),
    );
    writer.addCounters(counters.merged());
    return results;
  });
  const flush = () => {
    const batch = queue;
    queue = [];
    try {
      writeQueue(batch).forEach((result, index) => batch[index].resolve(result));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  };
  return (row, personal, signature) =>
    new Promise<InsertResult>((resolve, reject) => {
      if (!queue.length) setImmediate(flush);
      queue.push({ row, personal, signature, resolve, reject });
    });
}

/** Confirmation links, withdrawal, erasure and purges: petition integrity (signatures.ts). */
function signatureChanges(
  db: Database.Database,
  sql: Sql,
  writer: RowWriter,
): Pick<Storage, 'awaiting' | 'confirm' | 'refuse' | 'erasePersonal' | 'purge'> {
  const pendingByToken = db.prepare(sql.pendingByToken);
  const markConfirmed = db.prepare(sql.markConfirmed);
  const awaiting = (tokenHash: string, now: string) => linkState(pendingByToken.get(tokenHash) as PendingRow | undefined, now);
  const confirm = db.transaction((tokenHash: string, now: string): ConfirmOutcome => {
    const state = awaiting(tokenHash, now);
    if (state.outcome !== 'waiting') return state.outcome;
    markConfirmed.run(now, state.id);
    const counters = writer.newCounters();
    writer.insertOne({ ...state.row, receivedAt: now }, state.personal, counters, state.row.receivedAt);
    writer.addCounters(counters.merged());
    return 'confirmed';
  });
  const refuse = db.transaction((tokenHash: string, now: string): ConfirmOutcome => {
    const state = awaiting(tokenHash, now);
    if (state.outcome !== 'waiting') return state.outcome;
    runAll(withdrawal, state.id);
    return 'refused';
  });
  const statements = (...names: Statement[]) => names.map((name) => db.prepare(sql[name]));
  const runAll = (list: Database.Statement[], value: string) =>
    list.reduce((changes, statement) => changes + statement.run(value).changes, 0);
  const withdrawal = statements('withdrawSigner', 'withdrawPending');
  const erasure = statements('erasePersonal', 'erasePendingPersonal');
  const ideaContacts = db.prepare(sql.ideaContacts);
  const [staleMails, erasePersonalOf, pastMailCounts] = statements('staleMails', 'erasePersonalOf', 'pastMailCounts');
  const erase = db.transaction((signers: string[], email: string) => {
    let erased = 0;
    for (const signer of signers) erased += runAll(erasure, signer);
    for (const id of sameMailbox(ideaContacts.all() as IdeaContact[], email)) erased += erasePersonalOf.run(id).changes;
    return erased;
  });
  const [expiredSigners, expiredPending, usedTokens] = statements('expiredSigners', 'expiredPending', 'usedTokens');
  const [retainedPersonal, retainedIdeaContacts, retainedSigners] = statements(
    'retainedPersonal',
    'retainedIdeaContacts',
    'retainedSigners',
  );
  const purge = db.transaction((now: string, retentionDays?: number) => {
    expiredSigners.run(now);
    const expired = expiredPending.run(now).changes;
    usedTokens.run(now);
    pastMailCounts.run(now.slice(0, 10));
    staleMails.run();
    if (retentionDays === undefined) return { expired, personal: 0 };
    const cutoff = retentionCutoff(now, retentionDays);
    const personal = retainedPersonal.run(cutoff, cutoff).changes + retainedIdeaContacts.run(cutoff).changes;
    retainedSigners.run(cutoff, cutoff);
    return { expired, personal };
  });
  return {
    awaiting: async (tokenHash, now) => awaiting(tokenHash, now),
    confirm: async (tokenHash, now) => confirm(tokenHash, now),
    refuse: async (tokenHash, now) => refuse(tokenHash, now),
    erasePersonal: async (signers, email) => erase(signers, email),
    purge: async (now, retentionDays) => purge(now, retentionDays),
  };
}

/** A subject's counters and a petition's figures, each read in one transaction: as one commit left them. */
function resultReads(db: Database.Database, sql: Sql): Pick<Storage, 'counters' | 'petition'> {
  // On every site, or on one (sites choose their subjects; two may share /contact).
  const counterReads = sql.counters.map(({ kind, all, one }) => ({ kind, all: db.prepare(all), one: db.prepare(one) }));
  const readCounters = db.transaction(
    (subject: string, site?: string) =>
      Object.fromEntries(
        counterReads.map(({ kind, all, one }) => [kind, site === undefined ? all.all(subject) : one.all(subject, site)]),
      ) as unknown as CounterRows,
  );
  const waiting = { all: db.prepare(sql.waitingAll).pluck(), one: db.prepare(sql.waitingOne).pluck() };
  const terms = { all: db.prepare(sql.termsAll).pluck(), one: db.prepare(sql.termsOne).pluck() };
  const readPetition = db.transaction((subject: string, site: string | undefined, now: string): PetitionState => {
    const pending = (site === undefined ? waiting.all.get(subject, now) : waiting.one.get(subject, site, now)) as number;
    const stored = (site === undefined ? terms.all.get(subject) : terms.one.get(subject, site)) as string | undefined;
    return { pending, terms: stored === undefined ? null : JSON.parse(stored) };
  });
  return {
    counters: async (subject, site) => readCounters(subject, site),
    petition: async (subject, site, now) => readPetition(subject, site, now),
  };
}

type DashboardReads = Pick<Storage, 'otherTexts' | 'latestAnswers' | 'questionLabels' | 'totalsOf' | 'subjects' | 'comments' | 'count'>;

function dashboardReads(db: Database.Database, sql: Sql): DashboardReads {
  const answersWith = db.prepare(sql.answersWith).pluck();
  const latestAnswers = db.prepare(sql.latestAnswers);
  const questionLabels = db.prepare(sql.questionLabels).pluck();
  const totalsOf = db.prepare(sql.totalsOf);
  const subjects = db.prepare(sql.subjects);
  const comments = db.prepare(sql.comments);
  const count = db.prepare(sql.count).pluck();
  const latest: DashboardReads['latestAnswers'] = async (subject, type, fields, limit) =>
    (latestAnswers.all(subject, type, JSON.stringify(fields), limit) as Array<{ receivedAt: string; locale: string; answers: string }>).map(
      (row) => ({
        ...row,
        answers: JSON.parse(row.answers),
      }),
    );
  return {
    otherTexts: async (subject, type, field, limit) => ({
      count: answersWith.get(subject, type, JSON.stringify([field])) as number,
      latest: textsOf(await latest(subject, type, [field], limit), field),
    }),
    latestAnswers: latest,
    questionLabels: async (subject, type) => {
      const definition = questionLabels.get(subject, type) as string | undefined;
      return definition ? (JSON.parse(definition) as AnsweredDefinition).labels! : {};
    },
    totalsOf: async (type) => totalsOf.all(type) as Awaited<ReturnType<Storage['totalsOf']>>,
    subjects: async () => subjects.all() as Awaited<ReturnType<Storage['subjects']>>,
    comments: async (limit) => comments.all(limit) as Awaited<ReturnType<Storage['comments']>>,
    count: async () => count.get() as number,
  };
}

function exportReads(db: Database.Database): Pick<Storage, 'export' | 'answerKeys'> {
  return {
    async *export(filter: ExportFilter) {
      const { text, values } = exportPage(filter, sqliteDialect);
      const page = db.prepare(text);
      for (;;) {
        const rows = page.all(...values) as StoredRow[];
        for (const row of rows) yield toExportRow(row);
        if (rows.length < EXPORT_BATCH) return;
        values[0] = rows[rows.length - 1].seq;
      }
    },
    async answerKeys(filter) {
      const { text, values } = answerKeysOf(filter, sqliteDialect);
      return db
        .prepare(text)
        .pluck()
        .all(...values) as string[];
    },
  };
}
