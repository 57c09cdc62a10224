import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ActionType, DraftAssetFilters, DraftAsset as DraftAssetView, Page } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { newestFirstPage } from '../../platform/http/keyset-page';
import { ProblemException } from '../../platform/http/problem-details.filter';
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
    const asset = await this.assets.findOneBy({ id });
    if (!asset) throw new ProblemException(404, 'not-found', `No draft asset ${id}.`);
    const now = this.clock.now();
    Object.assign(asset, { publishedAt: asset.publishedAt ?? now, publishedUrl: url ?? asset.publishedUrl, updatedAt: now });
    await this.assets.save(asset);
    return toView(asset);
  }

  /** An edit keeps within the channel's length limit, so what is copied out fits where it goes. */
  async update(id: string, changes: { title?: string; body?: string }): Promise<DraftAssetView> {
    const asset = await this.assets.findOneBy({ id });
    if (!asset) throw new ProblemException(404, 'not-found', `No draft asset ${id}.`);
    if (changes.body !== undefined && asset.maxLength !== null && changes.body.length > asset.maxLength) {
      const message = `body must be at most ${asset.maxLength} characters for ${asset.channel}`;
      throw new ProblemException(400, 'validation-failed', message, { errors: [{ field: 'body', messages: [message] }] });
    }
    Object.assign(asset, changes, { updatedAt: this.clock.now() });
    await this.assets.save(asset);
    return toView(asset);
  }
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
    published_at: asset.publishedAt?.toISOString() ?? null,
    published_url: asset.publishedUrl,
    created_at: asset.createdAt.toISOString(),
    updated_at: asset.updatedAt.toISOString(),
  };
}
