import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, Money, UserError, enumOf } from '@hb/kit';

export const ExpenseStatusEnum = enumOf(['SUBMITTED', 'APPROVED', 'REJECTED'] as const);
registerEnumType(ExpenseStatusEnum, {
  name: 'ExpenseStatus',
  description: 'Kulun tila.',
  valuesConfig: {
    SUBMITTED: { description: 'Lähetetty – waiting for staff' },
    APPROVED: { description: 'Hyväksytty – drawn on the commitment, paid at the next settlement' },
    REJECTED: { description: 'Hylätty – with the reason' },
  },
});

@ObjectType({
  description:
    'Kuitti – the receipt file of an expense (JPEG, PNG or PDF). Reading it is access-logged.',
})
export class ExpenseReceipt {
  @Field()
  fileName!: string;

  @Field({ description: 'image/jpeg, image/png or application/pdf, judged from the content.' })
  contentType!: string;

  @Field(() => Int, { description: 'Bytes.' })
  size!: number;

  @Field({ description: 'The file, base64-encoded.' })
  contentBase64!: string;
}

@ObjectType({
  description:
    'Kulu – an expense the client paid herself under financial support (taloudellinen tuki), with its receipt. Seen by the client, her team member with budget consent, and her own worker or HB adviser.',
})
export class Expense {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  commitmentId!: string;

  @Field(() => ID)
  budgetId!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => DateScalar, { description: 'Ostopäivä.' })
  expenseDate!: string;

  @Field()
  description!: string;

  @Field(() => ExpenseStatusEnum)
  status!: string;

  @Field(() => DateTimeScalar)
  submittedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Perustelu: required for a rejection.' })
  decisionReason!: string | null;

  @Field(() => String, { description: 'Name of the receipt file.' })
  receiptName!: string;

  @Field(() => String, { description: 'Type of the receipt file as judged from its content.' })
  receiptType!: string;
}

@InputType()
export class SubmitExpenseInput {
  @Field(() => ID, { description: 'A commitment whose payee is the client (payeeKind CLIENT).' })
  commitmentId!: string;

  @Field({ description: 'Decimal euros, e.g. "42.50".' })
  amount!: string;

  @Field(() => DateScalar, { description: 'Ostopäivä: within the commitment, not in the future.' })
  expenseDate!: string;

  @Field({ description: 'Mitä ostettiin (1–500 characters).' })
  description!: string;

  @Field({ description: 'Tilinomistaja: the name on the account (1–70 characters).' })
  accountHolder!: string;

  @Field({ description: 'The IBAN the expense is paid to (SEPA country; spaces allowed).' })
  iban!: string;

  @Field({
    description:
      'The receipt file, base64 (a data: URL is accepted): JPEG, PNG or PDF by content, at most 600 kB.',
  })
  receiptBase64!: string;

  @Field(() => String, { nullable: true })
  receiptFileName?: string | null;
}

@ObjectType()
export class ExpensePayload {
  @Field(() => Expense, { nullable: true })
  expense!: Expense | null;

  @Field(() => [UserError])
  errors!: UserError[];
}
