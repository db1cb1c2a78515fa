/** 导出 Excel on the project list: the list's current filters and sort, as the office circulates it. */
import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api';
import { downloadProjectsExport, type ExportFilters } from '../api/export-projects';

/** `filters` is the list's query; paging is dropped (the export has every matching row). */
export function ExportProjectsButton({ filters }: { filters: ExportFilters & { page?: number; pageSize?: number } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    const { page: _page, pageSize: _pageSize, ...rest } = filters;
    setBusy(true);
    try {
      await downloadProjectsExport(rest);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()} data-testid="project-export">
      {t('investment.export.button')}
    </Button>
  );
}
