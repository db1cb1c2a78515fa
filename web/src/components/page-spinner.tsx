/**
 * What a page shows while its chunk, the session or its first data loads: a skeleton of a title and
 * rows (issue 9 §3), so the layout does not jump and the user sees that content is coming. `inline`:
 * inside a card that is already drawn (the Gantt, the jobs list), without the page frame. The frame is a plain
 * panel drawn like an antd Card (index.css .kpc-skeleton-card): this is the Suspense fallback of the entry
 * chunk, and antd Card would bring Tabs, Menu and Dropdown (~20 KB gzip) into the login bundle (SPEC §3).
 */
import { Skeleton } from 'antd';

export function PageSpinner({ inline = false }: { inline?: boolean }) {
  const bones = <Skeleton active title={{ width: '40%' }} paragraph={{ rows: 6 }} />;
  if (inline)
    return (
      <div data-testid="page-skeleton" aria-busy="true">
        {bones}
      </div>
    );
  return (
    <div className="kpc-page" data-testid="page-skeleton" aria-busy="true">
      <div className="kpc-skeleton-card">{bones}</div>
    </div>
  );
}
