import type { Dispatch, SetStateAction } from 'react';
import { Button } from 'suomifi-ui-components';
import { useI18n } from '../i18n';

/**
 * Previous and next over a cursor-paged connection. `cursors` is the stack of `after` cursors of
 * the pages visited (`[null]` on the first page): next pushes this page's end cursor, previous
 * pops one.
 */
export function CursorPager({
  label,
  cursors,
  setCursors,
  pageInfo,
}: {
  label: string;
  cursors: readonly (string | null)[];
  setCursors: Dispatch<SetStateAction<Array<string | null>>>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}) {
  const { t } = useI18n();
  return (
    <nav aria-label={label} className="pagination">
      <Button
        variant="secondary"
        disabled={cursors.length <= 1}
        onClick={() => setCursors((c) => c.slice(0, -1))}
      >
        {t('common.previous')}
      </Button>
      <Button
        variant="secondary"
        disabled={!pageInfo.hasNextPage}
        onClick={() => setCursors((c) => [...c, pageInfo.endCursor ?? null])}
      >
        {t('common.next')}
      </Button>
    </nav>
  );
}
