import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  AccessibilityFeature,
  ApprovalStatus,
  PriceUnit,
  ProviderKind,
  ServiceTypeCode,
} from './catalogue';
import type { ListingChange } from '../listing/listing';

const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A provider (palveluntuottaja). The search document columns are kept by the store. */
@Entity({ name: 'provider' })
export class ProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'business_id', type: 'varchar', length: 9 })
  businessId!: string;

  @Column({ type: 'text' })
  kind!: ProviderKind;

  @Column({ name: 'approval_status', type: 'text' })
  approvalStatus!: ApprovalStatus;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  /** Street address (käyntiosoite), kept by the provider itself. */
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** Official codes of the municipalities served. */
  @Column({ type: 'text', array: true })
  municipalities!: string[];

  @Column({ type: 'text', array: true })
  languages!: string[];

  @Column({ type: 'text', array: true })
  accessibility!: AccessibilityFeature[];

  /** Whether it takes new clients (shown and filtered in the catalogue). */
  @Column({ name: 'takes_new_clients', type: 'boolean' })
  takesNewClients!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A service a provider offers, with its price (cents) and unit. */
@Entity({ name: 'offering' })
export class OfferingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: ServiceTypeCode;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'price_cents', type: 'bigint', transformer: bigintAsNumber })
  priceCents!: number;

  @Column({ name: 'price_unit', type: 'text' })
  priceUnit!: PriceUnit;

  @Column({ name: 'class_levels', type: 'int', array: true })
  classLevels!: number[];

  @Column({ type: 'boolean' })
  active!: boolean;

  /** A new service type of an approved provider, inactive until the organiser decides. */
  @Column({ name: 'awaiting_approval', type: 'boolean' })
  awaitingApproval!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One step of the approval workflow; append-only. */
@Entity({ name: 'approval_event' })
export class ApprovalEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: ApprovalStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: ApprovalStatus;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;
}

/** One version of a provider's own listing: who changed which fields, when; append-only. */
@Entity({ name: 'listing_version' })
export class ListingVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ type: 'jsonb' })
  changes!: ListingChange[];

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;
}
