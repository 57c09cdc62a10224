import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in dashboard session. Only a hash of the cookie value is stored. */
@Entity('operator_sessions')
export class OperatorSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_operator_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
