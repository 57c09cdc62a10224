import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Column, CreateDateColumn, DataSource, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { WriteStatement } from './write-statement';

@Entity('probe_rows')
class ProbeRow {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'jsonb' }) tags!: string[];
  @Column({ type: 'jsonb', nullable: true }) meta!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'double precision' }) score!: number;
  @Column({ type: 'bigint', nullable: true }) big!: string | null;
  @Column({ type: 'text', default: 'fresh' }) state!: string;
}

@Entity('probe_transformed')
class Transformed {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', transformer: { to: (value: string) => value.toUpperCase(), from: (value: string) => value } }) name!: string;
}

@Entity('probe_created')
class WithCreateDate {
  @PrimaryColumn('uuid') id!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

@Entity('probe_versioned')
class Versioned {
  @PrimaryColumn('uuid') id!: string;
  @VersionColumn() version!: number;
}

@Entity('probe_arrays')
class WithArray {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', array: true }) labels!: string[];
}

/** Writes against real Postgres, in a schema of its own so nothing else in the database is touched. */
describe('WriteStatement against Postgres', () => {
  const schema = `write_statement_${process.pid}`;
  let db: DataSource;
  const meta = () => db.getMetadata(ProbeRow);
  const probe = (overrides: Partial<ProbeRow> = {}): ProbeRow =>
    Object.assign(new ProbeRow(), {
      id: randomUUID(),
      tags: ['a', 'b'],
      meta: { nested: [1, { deep: true }] },
      at: new Date('2026-03-01T10:20:30.456Z'),
      score: 12.5,
      big: '9007199254740991',
      ...overrides,
    });
  const count = async () => Number((await db.query<{ n: string }[]>('SELECT count(*) AS n FROM probe_rows'))[0].n);

  beforeAll(async () => {
    const url = process.env.DATABASE_URL as string;
    const setup = await new DataSource({ type: 'postgres', url }).initialize();
    await setup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await setup.destroy();
    db = await new DataSource({
      type: 'postgres',
      url,
      schema,
      extra: { options: `-c search_path=${schema}` },
      entities: [ProbeRow, Transformed, WithCreateDate, Versioned, WithArray],
      synchronize: true,
    }).initialize();
  });
  beforeEach(() => db.query('TRUNCATE probe_rows'));
  afterAll(async () => {
    await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.destroy();
  });

  it('inserts a row exactly as TypeORM reads it back, leaving unset columns to their defaults', async () => {
    const row = probe({ meta: null });
    const statement = new WriteStatement();
    const inserted = statement.insert('probe', meta(), row, { returning: '*' });
    const written = await statement.write(db);

    const stored = await db.getRepository(ProbeRow).findOneByOrFail({ id: row.id });
    expect(stored).toEqual({ ...row, state: 'fresh' });
    // Read back as JSON, hydrated to the same entity (dates as Dates, 64-bit integers as text).
    expect(WriteStatement.hydrate(meta(), written.row(inserted) ?? {})).toEqual(stored);
  });

  it('refuses to read back a 64-bit integer JSON cannot carry exactly', async () => {
    const statement = new WriteStatement();
    const inserted = statement.insert('probe', meta(), probe({ big: '9007199254740993' }), { returning: '*' });
    const written = await statement.write(db);
    expect(() => WriteStatement.hydrate(meta(), written.row(inserted) ?? {})).toThrow(/big = 9007199254740992 cannot be read back exactly/);
  });

  it('writes a gated part only when its gate yields its row', async () => {
    const statement = new WriteStatement();
    const gate = statement.with('gate', 'SELECT 1 WHERE false');
    const skipped = statement.insert('probe', meta(), probe(), { gate, returning: 'id' });
    const written = await statement.write(db);

    expect(written.yielded(gate)).toBe(false);
    expect(written.yielded(skipped)).toBe(false);
    expect(written.row(skipped)).toBeNull();
    expect(await count()).toBe(0);
  });

  it('fails the whole statement, writing nothing, when a gate yields more than one row', async () => {
    const statement = new WriteStatement();
    statement.insert('ungated', meta(), probe());
    const gate = statement.with('two', 'SELECT n FROM generate_series(1, 2) AS n');
    statement.insert('gated', meta(), probe(), { gate });

    await expect(statement.write(db)).rejects.toThrow(/more than one row/);
    expect(await count()).toBe(0);
  });

  it('keeps two parts of the same name apart (two moves in one statement)', async () => {
    const [first, second] = [probe({ score: 1 }), probe({ score: 2 })];
    const statement = new WriteStatement();
    const a = statement.insert('probe', meta(), first, { returning: 'id, score' });
    const b = statement.insert('probe', meta(), second, { returning: 'id, score' });
    const written = await statement.write(db);

    expect(a).not.toBe(b);
    expect(written.row(a)).toEqual({ id: first.id, score: 1 });
    expect(written.row(b)).toEqual({ id: second.id, score: 2 });
    expect(await count()).toBe(2);
  });

  it('updates the columns a change sets, for the rows picked', async () => {
    const row = probe();
    await db.getRepository(ProbeRow).save(row);
    const statement = new WriteStatement();
    const updated = statement.update('changed', meta(), { state: 'done', tags: [] }, `id = ${statement.param(row.id, 'uuid')}`, 'state, tags');
    expect((await statement.write(db)).row(updated)).toEqual({ state: 'done', tags: [] });
    expect(await db.getRepository(ProbeRow).findOneByOrFail({ id: row.id })).toEqual({ ...row, state: 'done', tags: [] });
  });

  it('inserts many rows in one plain INSERT (insertRows)', async () => {
    const rows = [probe(), probe({ tags: [], meta: null, big: null }), probe({ score: -0.25 })];
    const { sql, values } = WriteStatement.insertRows(meta(), rows);
    await db.query(sql, values);

    const stored = await db.getRepository(ProbeRow).find({ order: { score: 'ASC' } });
    expect(stored).toHaveLength(3);
    expect(stored).toEqual([...rows].sort((x, y) => x.score - y.score).map((row) => ({ ...row, state: 'fresh' })));
    expect(() => WriteStatement.insertRows(meta(), [])).toThrow(/at least one row/);
    // Postgres takes at most 65,535 parameters: a bigger batch is the caller's to split.
    expect(() =>
      WriteStatement.insertRows(
        meta(),
        Array.from({ length: 501 }, () => probe()),
      ),
    ).toThrow(/at most 500 rows, not 501/);
  });

  it('refuses entities whose columns it could not write as TypeORM would', () => {
    const statement = new WriteStatement();
    expect(() => statement.insert('t', db.getMetadata(Transformed), { id: randomUUID(), name: 'x' })).toThrow(
      /probe_transformed\.name: it has a value transformer/,
    );
    expect(() => statement.insert('c', db.getMetadata(WithCreateDate), { id: randomUUID() })).toThrow(
      /probe_created\.created_at: it is a create\/update date column/,
    );
    expect(() => WriteStatement.insertRows(db.getMetadata(Versioned), [{ id: randomUUID() }])).toThrow(/probe_versioned\.version: it is a version column/);
    expect(() => statement.insert('a', db.getMetadata(WithArray), { id: randomUUID(), labels: ['x'] })).toThrow(/probe_arrays\.labels: it is an array column/);
  });
});
