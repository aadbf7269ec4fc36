export function PlanSection(_props: { clientId: string; municipalityCode?: string }) {
  return null;
}
