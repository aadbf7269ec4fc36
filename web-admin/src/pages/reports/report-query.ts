import { graphql } from '../../gql';
import type { ReportForecastFieldsFragment, ReportPageQuery } from '../../gql/graphql';

/** The organiser's reports of a year: every municipality the token may read, and their sum. */
graphql(`
  fragment ReportForecastFields on ReportForecast {
    asOf
    suppressed
    clientCount
    granted {
      amount
      currency
    }
    spent {
      amount
      currency
    }
    pending {
      amount
      currency
    }
    projected {
      amount
      currency
    }
    lapsing {
      amount
      currency
    }
  }
`);

export const ReportQuery = graphql(`
  query ReportPage($year: Int!) {
    municipalities {
      code
      name
      nameSv
    }
    reportsForecast(year: $year) {
      ...ReportForecastFields
    }
    reports(year: $year) {
      municipalityCode
      year
      forecast {
        ...ReportForecastFields
      }
      minGroupSize
      hbClientCount
      clientCount
      hbShare
      costs {
        serviceType {
          code
          name
        }
        suppressed
        clientCount
        budgetCount
        granted {
          amount
          currency
        }
        paidOut {
          amount
          currency
        }
        spent {
          amount
          currency
        }
        pending {
          amount
          currency
        }
        lapsed {
          amount
          currency
        }
      }
      goalsByGroup {
        serviceType {
          code
        }
        classLevel
        individual
        suppressed
        clientCount
        averageAttainment
      }
      costsByGroup {
        serviceType {
          code
          name
        }
        classLevel
        individual
        suppressed
        clientCount
        budgetCount
        granted {
          amount
          currency
        }
        spent {
          amount
          currency
        }
        pending {
          amount
          currency
        }
      }
      totalCost {
        suppressed
        clientCount
        budgetCount
        granted {
          amount
          currency
        }
        paidOut {
          amount
          currency
        }
        spent {
          amount
          currency
        }
        pending {
          amount
          currency
        }
        lapsed {
          amount
          currency
        }
      }
      providers {
        provider {
          id
          name
        }
        suppressed
        clientCount
        chargeCount
        spent {
          amount
          currency
        }
        pending {
          amount
          currency
        }
      }
      providerSwitches {
        suppressed
        count
        clientCount
        reasons {
          reason
          suppressed
          count
          clientCount
        }
      }
      goals {
        suppressed
        clientCount
        goalCount
        reviewCount
        averageAttainment
        overdueShare
      }
      feedback {
        targetKind
        suppressed
        count
        averageRating
      }
      alerts {
        kind
        suppressed
        count
        clientCount
      }
    }
  }
`);

export type ReportData = ReportPageQuery['reports'][number];
export type ForecastData = ReportForecastFieldsFragment;
