import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'municipality' })
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_sv', type: 'text', nullable: true })
  nameSv!: string | null;

  /** The organiser of the municipality's social services (a wellbeing services county or city). */
  @Column({ name: 'organiser_id', type: 'text', nullable: true })
  organiserId!: string | null;
}
