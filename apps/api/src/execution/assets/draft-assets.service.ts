import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ActionType, ChannelVariantView, DraftAssetFilters, DraftAsset as DraftAssetView, Page, UpdateDraftAssetRequest } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { newestFirstPage } from '../../platform/http/keyset-page';
import { ProblemException } from '../../platform/http/problem-details.filter';
import { validationFailed } from '../../platform/http/validation';
import type { ContactAddress } from '../../platform/personal-data/contact-address';
import { Mentions } from '../../platform/personal-data/mentions';
import { DraftAsset } from './draft-asset.entity';

export interface NewDraftAsset {
  itemId: string;
  executionId: string;
  actionType: ActionType;
  channel: string;
  title: string;
  body: string;
  maxLength: number | null;
  variants: ChannelVariantView[] | null;
}

/** Marketing drafts CaseyOS keeps: made by executions, opened, copied and edited by people. */
@Injectable()
export class DraftAssetsService {
  constructor(
    @InjectRepository(DraftAsset) private readonly assets: Repository<DraftAsset>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(asset: NewDraftAsset): Promise<DraftAssetView> {
    const now = this.clock.now();
    const row: DraftAsset = { id: randomUUID(), ...asset, publishedAt: null, publishedUrl: null, createdAt: now, updatedAt: now };
    await this.assets.insert(row as QueryDeepPartialEntity<DraftAsset>);
    return toView(row);
  }

  async byExecution(executionId: string): Promise<DraftAssetView[]> {
    return (await this.assets.findBy({ executionId })).map(toView);
  }

  /** The assets these executions made and any other asset mentioning the address, oldest first. */
  async ofExecutionsOrMentioning(executionIds: readonly string[], address: ContactAddress): Promise<DraftAssetView[]> {
    const rows = await this.assets
      .createQueryBuilder('asset')
      .where(`(asset.execution_id = ANY(:executionIds) OR ${Mentions.of(this.assets.metadata).condition(':pattern', 'asset')})`, {
        executionIds,
        pattern: address.pattern,
      })
      .orderBy('asset.created_at', 'ASC')
      .addOrderBy('asset.id', 'ASC')
      .getMany();
    return rows.map(toView);
  }

  /** Inside an erasure's transaction: deletes the assets these executions made, and replaces the address in any other asset. */
  async eraseContact(manager: EntityManager, executionIds: readonly string[], address: ContactAddress): Promise<{ deleted: number; scrubbed: number }> {
    const [, deleted] = await manager.query<[unknown, number]>('DELETE FROM draft_assets WHERE execution_id = ANY($1::uuid[])', [executionIds]);
    const scrubbed = await Mentions.of(this.assets.metadata).scrub(manager, address);
    return { deleted, scrubbed: scrubbed.length };
  }

  /** True when it was there to delete. */
  async delete(id: string): Promise<boolean> {
    const result = await this.assets.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async get(id: string): Promise<DraftAssetView> {
    const asset = await this.assets.findOneBy({ id });
    if (!asset) throw new ProblemException(404, 'not-found', `No draft asset ${id}.`);
    return toView(asset);
  }

  async list(filters: DraftAssetFilters, cursor: string | undefined, limit: number): Promise<Page<DraftAssetView>> {
    const query = this.assets.createQueryBuilder('asset');
    if (filters.channel) query.andWhere('asset.channel = :channel', { channel: filters.channel });
    if (filters.status) query.andWhere(filters.status === 'published' ? 'asset.published_at IS NOT NULL' : 'asset.published_at IS NULL');
    const page = await newestFirstPage(query, 'created_at', (asset) => asset.createdAt, cursor, limit);
    return { items: page.rows.map(toView), next_cursor: page.nextCursor };
  }

  /**
   * Marks it published (outcomes records `content_published` first, DraftAssetPublishing): the
   * first time stays the time it went out; a later call may only add or change the address.
   */
  async markPublished(id: string, url: string | null): Promise<DraftAssetView> {
    // One statement touching only these columns: a concurrent edit of the text is neither lost nor overwritten.
    const [rows] = await this.assets.manager.query<[Record<string, unknown>[], number]>(
      `UPDATE draft_assets SET published_at = COALESCE(published_at, $2), published_url = COALESCE($3, published_url), updated_at = $2
        WHERE id = $1 RETURNING *`,
      [id, this.clock.now(), url],
    );
    if (rows.length === 0) throw new ProblemException(404, 'not-found', `No draft asset ${id}.`);
    return toView(this.fromRow(rows[0]));
  }

  /**
   * An edit keeps within the channel's length limit (each variant within its own), so what is
   * copied out fits where it goes. The row is locked while the variants are merged, and only the
   * edited columns are written: a concurrent publish is kept.
   */
  async update(id: string, changes: UpdateDraftAssetRequest): Promise<DraftAssetView> {
    return this.assets.manager.transaction(async (manager) => {
      const asset = await manager.createQueryBuilder(DraftAsset, 'asset').setLock('pessimistic_write').where('asset.id = :id', { id }).getOne();
      if (!asset) throw new ProblemException(404, 'not-found', `No draft asset ${id}.`);
      const errors = editErrors(asset, changes);
      if (errors.length > 0) throw validationFailed(errors);
      const variants = changes.variants
        ? (asset.variants ?? []).map((own) => ({ ...own, body: changes.variants?.find((variant) => variant.channel === own.channel)?.body ?? own.body }))
        : undefined;
      const set: QueryDeepPartialEntity<DraftAsset> = {
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.body !== undefined ? { body: changes.body } : {}),
        ...(variants ? { variants } : {}),
        updatedAt: this.clock.now(),
      };
      await manager.update(DraftAsset, { id }, set);
      return toView((await manager.findOneBy(DraftAsset, { id }))!);
    });
  }

  private fromRow(row: Record<string, unknown>): DraftAsset {
    const asset = this.assets.create();
    for (const column of this.assets.metadata.columns) column.setEntityValue(asset, row[column.databaseName]);
    return asset;
  }
}

function editErrors(asset: DraftAsset, changes: UpdateDraftAssetRequest): { field: string; messages: string[] }[] {
  const errors: { field: string; messages: string[] }[] = [];
  if (changes.body !== undefined && asset.maxLength !== null && changes.body.length > asset.maxLength) {
    errors.push({ field: 'body', messages: [`body must be at most ${asset.maxLength} characters for ${asset.channel}`] });
  }
  (changes.variants ?? []).forEach((variant, index) => {
    const own = asset.variants?.find((candidate) => candidate.channel === variant.channel);
    if (!own) errors.push({ field: `variants.${index}.channel`, messages: [`this asset has no ${variant.channel} variant`] });
    else if (own.max_length !== null && variant.body.length > own.max_length) {
      errors.push({ field: `variants.${index}.body`, messages: [`body must be at most ${own.max_length} characters for ${own.channel}`] });
    }
  });
  return errors;
}

function toView(asset: DraftAsset): DraftAssetView {
  return {
    id: asset.id,
    item_id: asset.itemId,
    execution_id: asset.executionId,
    action_type: asset.actionType,
    channel: asset.channel,
    title: asset.title,
    body: asset.body,
    max_length: asset.maxLength,
    variants: asset.variants ?? [],
    published_at: asset.publishedAt?.toISOString() ?? null,
    published_url: asset.publishedUrl,
    created_at: asset.createdAt.toISOString(),
    updated_at: asset.updatedAt.toISOString(),
  };
}
