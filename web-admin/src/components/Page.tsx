import { useEffect, useRef, type ReactNode } from 'react';
import { Heading } from 'suomifi-ui-components';
import { useI18n } from '../i18n';

let firstPage = true;

/**
 * A page's heading and document title. After an in-app navigation, focus moves to the heading
 * so that screen-reader and keyboard users start at the new content.
 */
export function Page({
  title,
  children,
  lead,
}: {
  title: string;
  children: ReactNode;
  lead?: ReactNode;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.title')}`;
  }, [title, t]);
  useEffect(() => {
    // Not on the first page load: there the browser's own start position is right.
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, []);
  return (
    <>
      <Heading variant="h1" tabIndex={-1} ref={ref} className="page-title">
        {title}
      </Heading>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </>
  );
}
