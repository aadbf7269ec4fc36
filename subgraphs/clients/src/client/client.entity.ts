import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ProcessPhase } from './process-phase';

@Entity({ name: 'client' })
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  /** Calendar date kept as `YYYY-MM-DD` text end to end (pg returns `date` as a string). */
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ name: 'municipality_code', type: 'varchar', length: 3 })
  municipalityCode!: string;

  @Column({ name: 'own_worker_id', type: 'uuid', nullable: true })
  ownWorkerId!: string | null;

  @Column({ name: 'adviser_id', type: 'uuid', nullable: true })
  adviserId!: string | null;

  @Column({ name: 'process_phase', type: 'text' })
  processPhase!: ProcessPhase;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
