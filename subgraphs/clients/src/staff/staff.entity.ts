import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StaffRole = 'OWN_WORKER' | 'HB_ADVISER' | 'ORGANISER';

@Entity({ name: 'staff_member' })
export class StaffMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: StaffRole;

  @Column({ name: 'municipality_code', type: 'varchar', length: 3 })
  municipalityCode!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;
}
