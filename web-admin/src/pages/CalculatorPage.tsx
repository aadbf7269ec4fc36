import { BudgetForm } from '../components/BudgetForm';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';

export function CalculatorPage() {
  const { t } = useI18n();
  return (
    <Page title={t('calc.title')} lead={t('calc.intro')}>
      <div className="card">
        <BudgetForm />
      </div>
    </Page>
  );
}
