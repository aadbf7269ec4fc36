/** The report of a municipality for a year. */
export interface ReportKey {
  municipalityCode: string;
  year: number;
}

/** The report of an organiser (a wellbeing services county or a city) for a year. */
export interface OrganiserReportKey {
  organiserId: string;
  year: number;
}
