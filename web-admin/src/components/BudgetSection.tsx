export function BudgetSection(_props: { clientId: string; municipalityCode?: string }) {
  return null;
}
